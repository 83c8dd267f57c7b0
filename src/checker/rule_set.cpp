#include "checker/rule_set.h"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "checker/entities.h"

namespace fanzha::checker {

namespace {

// A problem at a line of the rule file; caught once in parse_rule_file.
struct RuleError : std::runtime_error {
  RuleError(int l, const std::string& reason) : std::runtime_error(reason), line(l) {}
  int line;
};

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

[[noreturn]] void fail(const YAML::Node& node, const std::string& reason) {
  throw RuleError(line_of(node), reason);
}

void check_keys(const YAML::Node& map, const std::set<std::string>& allowed,
                const std::string& where) {
  if (!map.IsMap()) {
    fail(map, where + " must be a mapping");
  }
  for (const auto& kv : map) {
    const auto key = kv.first.as<std::string>();
    if (allowed.count(key) == 0) {
      fail(kv.first, "unknown key '" + key + "' in " + where);
    }
  }
}

std::string scalar(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) {
    fail(node, what + " must be a single value");
  }
  return node.as<std::string>();
}

int integer(const YAML::Node& node, const std::string& what, int min, int max) {
  const std::string text = scalar(node, what);
  try {
    size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used != text.size() || value < min || value > max) {
      throw std::out_of_range(text);
    }
    return value;
  } catch (const std::logic_error&) {
    fail(node, what + " must be a whole number from " + std::to_string(min) + " to " +
                   std::to_string(max) + ", not '" + text + "'");
  }
}

bool boolean(const YAML::Node& node, const std::string& what) {
  const std::string text = scalar(node, what);
  if (text == "true") return true;
  if (text == "false") return false;
  fail(node, what + " must be true or false, not '" + text + "'");
}

std::vector<std::string> strings(const YAML::Node& node, const std::string& what) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
    return out;
  }
  if (!node.IsSequence()) {
    fail(node, what + " must be a list");
  }
  for (const auto& item : node) {
    out.push_back(scalar(item, what));
    if (out.back().empty()) {
      fail(item, what + " holds an empty entry");
    }
  }
  return out;
}

domain::FraudType fraud_type(const YAML::Node& node) {
  const auto key = scalar(node, "type");
  const auto type = domain::parse_fraud_type(key);
  if (!type) {
    fail(node, "unknown fraud type '" + key + "' (see src/domain/fraud_type.cpp)");
  }
  return *type;
}

SignalSpec parse_signal(const YAML::Node& node) {
  static const std::set<std::string> kKeys = {"name",   "label",  "type",     "weight",    "words",
                                              "regex",  "all",    "any",      "none",      "near",
                                              "within", "advice", "examples", "negatable", "mute"};
  check_keys(node, kKeys, "a signal");
  SignalSpec s;
  s.line = line_of(node);
  if (!node["name"]) {
    fail(node, "a signal needs a name");
  }
  s.name = scalar(node["name"], "name");
  s.label = node["label"] ? scalar(node["label"], "label") : s.name;
  if (node["type"]) {
    s.type = fraud_type(node["type"]);
  }
  s.weight = node["weight"] ? integer(node["weight"], "weight", -100, 100) : 0;
  if (node["words"]) {
    for (const auto& item : node["words"]) {
      s.patterns.push_back({scalar(item, "words"), true, line_of(item)});
    }
  }
  if (node["regex"]) {
    for (const auto& item : node["regex"]) {
      s.patterns.push_back({scalar(item, "regex"), false, line_of(item)});
    }
  }
  if (node["all"]) s.all = strings(node["all"], "all");
  if (node["any"]) s.any = strings(node["any"], "any");
  if (node["none"]) s.none = strings(node["none"], "none");
  if (node["near"]) {
    s.near = strings(node["near"], "near");
    if (s.near.size() != 2) {
      fail(node["near"], "near takes exactly two signal names");
    }
    if (!node["within"]) {
      fail(node["near"], "near needs 'within' (characters between the two)");
    }
    s.within = integer(node["within"], "within", 0, 1000);
  }
  if (node["advice"]) s.advice = strings(node["advice"], "advice");
  if (node["negatable"]) s.negatable = boolean(node["negatable"], "negatable");
  if (node["mute"]) s.mute = boolean(node["mute"], "mute");
  if (s.patterns.empty() && s.all.empty() && s.any.empty() && s.near.empty()) {
    fail(node, "signal '" + s.name + "' has nothing to match (words, regex, all, any or near)");
  }
  if (const auto examples = node["examples"]) {
    check_keys(examples, {"fire", "quiet"}, "examples");
    if (examples["fire"]) s.fire_examples = strings(examples["fire"], "fire");
    if (examples["quiet"]) s.quiet_examples = strings(examples["quiet"], "quiet");
  }
  return s;
}

void check_references(const std::vector<SignalSpec>& signals) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < signals.size(); ++i) {
    if (!index.emplace(signals[i].name, i).second) {
      throw RuleError(signals[i].line, "signal '" + signals[i].name + "' is defined twice");
    }
  }
  auto refs = [](const SignalSpec& s) {
    std::vector<std::string> all = s.all;
    all.insert(all.end(), s.any.begin(), s.any.end());
    all.insert(all.end(), s.none.begin(), s.none.end());
    all.insert(all.end(), s.near.begin(), s.near.end());
    return all;
  };
  for (const auto& s : signals) {
    if (parse_entity_kind(s.name)) {
      throw RuleError(s.line,
                      "'" + s.name + "' is a built-in signal (an entity) and cannot be redefined");
    }
    for (const auto& r : refs(s)) {
      if (parse_entity_kind(r)) {
        continue;
      }
      if (index.count(r) == 0) {
        throw RuleError(s.line, "signal '" + s.name + "' refers to unknown signal '" + r + "'");
      }
    }
  }
  // Depth-first search for a cycle: 0 = unvisited, 1 = on the path, 2 = done.
  std::vector<int> state(signals.size(), 0);
  std::function<void(size_t)> visit = [&](size_t i) {
    state[i] = 1;
    for (const auto& r : refs(signals[i])) {
      if (parse_entity_kind(r)) {
        continue;
      }
      const size_t j = index.at(r);
      if (state[j] == 1) {
        throw RuleError(signals[i].line,
                        "signals '" + signals[i].name + "' and '" + r + "' depend on each other");
      }
      if (state[j] == 0) {
        visit(j);
      }
    }
    state[i] = 2;
  };
  for (size_t i = 0; i < signals.size(); ++i) {
    if (state[i] == 0) {
      visit(i);
    }
  }
}

RuleSet parse(const YAML::Node& root) {
  check_keys(root,
             {"version", "thresholds", "model_weight", "model_weight_normal", "negation", "aliases",
              "advice", "types", "signals"},
             "the rule file");
  RuleSet rules;
  if (!root["version"]) {
    fail(root, "the rule file needs a version");
  }
  rules.version = scalar(root["version"], "version");
  if (const auto t = root["thresholds"]) {
    check_keys(t, {"suspicious", "fraud"}, "thresholds");
    if (t["suspicious"])
      rules.suspicious_threshold = integer(t["suspicious"], "suspicious", 1, 100);
    if (t["fraud"]) rules.fraud_threshold = integer(t["fraud"], "fraud", 1, 100);
    if (rules.suspicious_threshold >= rules.fraud_threshold) {
      fail(t, "the suspicious threshold must be below the fraud threshold");
    }
  }
  if (root["model_weight"]) {
    rules.model_weight = integer(root["model_weight"], "model_weight", 0, 100);
  }
  if (root["model_weight_normal"]) {
    rules.model_weight_normal = integer(root["model_weight_normal"], "model_weight_normal", 0, 100);
  }
  if (const auto n = root["negation"]) {
    check_keys(n, {"window", "cues", "verdict_window", "verdict_cues"}, "negation");
    if (n["window"]) rules.negation_window = integer(n["window"], "window", 1, 100);
    if (n["cues"]) rules.negation_cues = strings(n["cues"], "cues");
    if (n["verdict_window"]) {
      rules.verdict_window = integer(n["verdict_window"], "verdict_window", 1, 200);
    }
    if (n["verdict_cues"]) rules.verdict_cues = strings(n["verdict_cues"], "verdict_cues");
  }
  if (const auto a = root["aliases"]) {
    if (!a.IsMap()) {
      fail(a, "aliases must map a canonical word to its aliases");
    }
    for (const auto& kv : a) {
      const auto canonical = scalar(kv.first, "alias target");
      for (const auto& alias : strings(kv.second, "aliases")) {
        rules.aliases.emplace_back(alias, canonical);
      }
    }
  }
  if (const auto a = root["advice"]) {
    check_keys(a, {"fraud", "suspicious", "normal"}, "advice");
    if (a["fraud"]) rules.fraud_advice = strings(a["fraud"], "advice");
    if (a["suspicious"]) rules.suspicious_advice = strings(a["suspicious"], "advice");
    if (a["normal"]) rules.normal_advice = strings(a["normal"], "advice");
  }
  if (const auto t = root["types"]) {
    if (!t.IsMap()) {
      fail(t, "types must map a fraud type to its advice");
    }
    for (const auto& kv : t) {
      rules.type_advice.push_back({fraud_type(kv.first), strings(kv.second, "advice")});
    }
  }
  const auto list = root["signals"];
  if (!list || !list.IsSequence() || list.size() == 0) {
    fail(root, "the rule file needs a list of signals");
  }
  for (const auto& node : list) {
    rules.signals.push_back(parse_signal(node));
  }
  check_references(rules.signals);
  return rules;
}

}  // namespace

std::string escape_regex(std::string_view word) {
  std::string out;
  for (char c : word) {
    if (std::string_view("\\^$.|?*+()[]{}/-").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

RuleParseResult parse_rule_file(std::string_view yaml_text) {
  RuleParseResult result;
  try {
    result.rules = parse(YAML::Load(std::string(yaml_text)));
  } catch (const RuleError& e) {
    result.error = {e.line, e.what()};
  } catch (const YAML::Exception& e) {
    result.error = {e.mark.line + 1, e.msg};
  }
  return result;
}

}  // namespace fanzha::checker
