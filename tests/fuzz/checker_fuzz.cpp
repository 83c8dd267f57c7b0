// libFuzzer target for the checker's normalisation and matching: any bytes (invalid
// UTF-8, NULs, emoji, huge expansions) go through check() and its JSON, with the
// project's own rule file. Built by `make test-fuzz` with clang (-fsanitize=fuzzer,address).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checker/check_json.h"
#include "checker/rule_file.h"

namespace {

const fanzha::checker::Checker& checker() {
  static const auto instance = [] {
    auto compiled = fanzha::checker::compile_rule_file(FANZHA_CHECKER_RULES);
    if (!std::holds_alternative<std::unique_ptr<fanzha::checker::Checker>>(compiled)) {
      __builtin_trap();
    }
    return std::move(std::get<std::unique_ptr<fanzha::checker::Checker>>(compiled));
  }();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = checker().check(text, nullptr);
  if (result.score < 0 || result.score > 100) {
    __builtin_trap();
  }
  for (const auto& reason : result.reasons) {
    for (const auto& span : reason.spans) {
      if (span.begin > span.end || span.end > result.text.size()) {
        __builtin_trap();
      }
    }
  }
  const std::string json = fanzha::checker::check_result_json(result).dump();
  return json.empty() ? -1 : 0;
}
