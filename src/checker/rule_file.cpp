#include "checker/rule_file.h"

#include <fstream>
#include <sstream>

namespace fanzha::checker {

RuleParseResult read_rule_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return {std::nullopt, {0, "cannot read " + path}};
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_rule_file(text.str());
}

std::variant<std::unique_ptr<Checker>, RuleFileError> compile_rule_file(const std::string& path) {
  auto parsed = read_rule_file(path);
  if (!parsed.rules) {
    return parsed.error;
  }
  return Checker::compile(std::move(*parsed.rules));
}

}  // namespace fanzha::checker
