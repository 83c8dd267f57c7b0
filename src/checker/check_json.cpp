#include "checker/check_json.h"

#include <cmath>

#include "checker/utf8.h"

namespace fanzha::checker {

namespace {

// Byte offset → code-point offset over one text, for every offset a span can take.
class CodePointIndex {
 public:
  explicit CodePointIndex(const std::string& text) : index_(text.size() + 1, 0) {
    uint32_t cp = 0;
    for (size_t i = 0; i < text.size();) {
      size_t length = 0;
      decode_utf8(text, i, length);
      for (size_t k = 0; k < length; ++k) {
        index_[i + k] = cp;
      }
      i += length;
      ++cp;
    }
    index_[text.size()] = cp;
  }
  uint32_t operator[](uint32_t byte) const {
    return index_[std::min<size_t>(byte, index_.size() - 1)];
  }

 private:
  std::vector<uint32_t> index_;
};

nlohmann::json span_json(const std::string& text, const CodePointIndex& cps, const Span& s) {
  return {{"start", cps[s.begin]},
          {"end", cps[s.end]},
          {"text", text.substr(s.begin, s.end - s.begin)}};
}

}  // namespace

nlohmann::json check_result_json(const CheckResult& r) {
  const CodePointIndex cps(r.text);
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : r.reasons) {
    nlohmann::json spans = nlohmann::json::array();
    for (const auto& s : reason.spans) {
      spans.push_back(span_json(r.text, cps, s));
    }
    reasons.push_back({{"name", reason.name},
                       {"label", reason.label},
                       {"weight", reason.weight},
                       {"spans", std::move(spans)}});
  }
  nlohmann::json entities = nlohmann::json::array();
  for (const auto& e : r.entities) {
    auto j = span_json(r.text, cps, e.span);
    j["kind"] = entity_kind_name(e.kind);
    j["value"] = e.value;
    entities.push_back(std::move(j));
  }
  nlohmann::json type = nullptr;
  if (r.type) {
    type = {{"key", domain::fraud_type_key(*r.type)}, {"label", domain::fraud_type_label(*r.type)}};
  }
  nlohmann::json out = {{"verdict", verdict_name(r.verdict)},
                        {"verdict_label", verdict_label(r.verdict)},
                        {"score", r.score},
                        {"type", std::move(type)},
                        {"reasons", std::move(reasons)},
                        {"entities", std::move(entities)},
                        {"advice", r.advice},
                        {"rules_version", r.rules_version}};
  if (r.model_probability) {
    out["model_probability"] = std::round(*r.model_probability * 1000) / 1000;
  }
  return out;
}

}  // namespace fanzha::checker
