// A CheckResult as JSON, the one shape the API, the CLI (--jsonl) and the page share.
// Spans are {start, end, text} with start/end counted in Unicode code points of the
// checked text (JavaScript: Array.from(text).slice(start, end)). Pure, thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "checker/check_result.h"

namespace fanzha::checker {

nlohmann::json check_result_json(const CheckResult& result);

}  // namespace fanzha::checker
