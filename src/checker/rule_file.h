// The rule file on disk: read and parse it, or read, parse and compile it. The one place
// the server, the CLI, the trainer, the benchmarks and the tests load checker/rules.yaml
// from; the checker's core itself never reads files. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "checker/checker.h"
#include "checker/rule_set.h"

namespace fanzha::checker {

// A file that cannot be read is an error at line 0.
RuleParseResult read_rule_file(const std::string& path);
std::variant<std::unique_ptr<Checker>, RuleFileError> compile_rule_file(const std::string& path);

}  // namespace fanzha::checker
