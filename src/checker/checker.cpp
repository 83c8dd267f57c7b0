#include "checker/checker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>

#include "checker/entities.h"
#include "checker/tokens.h"
#include "checker/utf8.h"

namespace fanzha::checker {

// A match in the normalised text (byte offsets).
struct ByteRange {
  uint32_t from;
  uint32_t to;
};

namespace {

// Spans kept per signal: enough to show every place a word occurs in an SMS.
constexpr size_t kMaxSpans = 8;

// Adds a match, merging it with one it overlaps (Vectorscan reports every end of a
// variable-length match: "验证码4829", "验证码48291", … are one span).
void add_span(std::vector<ByteRange>& spans, ByteRange r) {
  for (auto& s : spans) {
    if (r.from < s.to && s.from < r.to) {
      s.from = std::min(s.from, r.from);
      s.to = std::max(s.to, r.to);
      return;
    }
  }
  if (spans.size() < kMaxSpans) {
    spans.push_back(r);
  }
}

std::vector<std::string> deduplicated(std::vector<std::string> lines) {
  std::vector<std::string> out;
  for (auto& l : lines) {
    if (std::find(out.begin(), out.end(), l) == out.end()) {
      out.push_back(std::move(l));
    }
  }
  return out;
}

}  // namespace

struct Checker::Signal {
  SignalSpec spec;
  std::optional<EntityKind> entity;  // a built-in entity signal
  std::vector<size_t> all, any, none;
  int near_a = -1;
  int near_b = -1;
};

struct Checker::Evaluation {
  std::vector<char> fired;
  std::vector<std::vector<ByteRange>> spans;
  std::vector<Entity> entities;
  // Scratch of one evaluation.
  std::vector<PatternMatch> matches;
  std::vector<char> pattern_hit;
  std::vector<uint32_t> cue_ends;
  std::vector<uint32_t> verdict_starts;
  std::vector<uint32_t> boundaries;
  std::vector<uint32_t> sentences;

  void reset(size_t signals) {
    fired.assign(signals, 0);
    pattern_hit.assign(signals, 0);
    spans.resize(signals);
    for (auto& s : spans) {
      s.clear();
    }
    entities.clear();
    matches.clear();
    cue_ends.clear();
    verdict_starts.clear();
    boundaries.clear();
    sentences.clear();
  }
};

// One evaluation's buffers per thread: check() runs millions of times in a batch.
Checker::Evaluation& Checker::thread_evaluation() {
  thread_local Evaluation ev;
  return ev;
}

namespace {
// The normalised text of the message being checked, its buffers reused likewise.
NormalizedText& thread_normalized() {
  thread_local NormalizedText text;
  return text;
}
}  // namespace

Checker::Checker(RuleSet rules) : rules_(std::move(rules)), aliases_(rules_.aliases) {}
Checker::~Checker() = default;

std::variant<std::unique_ptr<Checker>, RuleFileError> Checker::compile(RuleSet rules) {
  std::unique_ptr<Checker> c(new Checker(std::move(rules)));
  std::map<std::string, size_t> index;
  for (EntityKind kind : all_entity_kinds()) {
    Signal s;
    s.spec.name = std::string(entity_kind_name(kind));
    s.entity = kind;
    index[s.spec.name] = c->signals_.size();
    c->signals_.push_back(std::move(s));
  }
  for (const auto& spec : c->rules_.signals) {
    index[spec.name] = c->signals_.size();
    c->signals_.push_back({spec, std::nullopt, {}, {}, {}, -1, -1});
  }
  std::vector<PatternDb::Source> sources;
  for (size_t i = 0; i < c->signals_.size(); ++i) {
    Signal& s = c->signals_[i];
    auto resolve = [&](const std::vector<std::string>& names) {
      std::vector<size_t> out;
      for (const auto& n : names) {
        out.push_back(index.at(n));
      }
      return out;
    };
    s.all = resolve(s.spec.all);
    s.any = resolve(s.spec.any);
    s.none = resolve(s.spec.none);
    if (!s.spec.near.empty()) {
      s.near_a = static_cast<int>(index.at(s.spec.near[0]));
      s.near_b = static_cast<int>(index.at(s.spec.near[1]));
    }
    for (const auto& p : s.spec.patterns) {
      std::string regex = p.literal ? escape_regex(normalize(p.text, c->aliases_).text) : p.text;
      if (regex.empty()) {
        return RuleFileError{p.line, "word '" + p.text + "' is empty after normalisation"};
      }
      sources.push_back({std::move(regex), p.line});
      c->pattern_signal_.push_back(static_cast<int>(i));
      c->pattern_entity_.push_back(-1);
    }
  }
  for (const auto& e : entity_patterns()) {
    sources.push_back({e.regex, 0, e.re2_only});
    c->pattern_signal_.push_back(kEntityPattern);
    c->pattern_entity_.push_back(static_cast<int>(e.kind));
  }
  auto add_cues = [&](const std::vector<std::string>& cues, int kind) {
    for (const auto& cue : cues) {
      sources.push_back({escape_regex(normalize(cue, c->aliases_).text), 0});
      c->pattern_signal_.push_back(kind);
      c->pattern_entity_.push_back(-1);
    }
  };
  add_cues(c->rules_.negation_cues, kNegationPattern);
  add_cues(c->rules_.verdict_cues, kVerdictPattern);
  auto db = PatternDb::compile(sources);
  if (auto* error = std::get_if<RuleFileError>(&db)) {
    return *error;
  }
  c->db_ = std::move(std::get<std::unique_ptr<PatternDb>>(db));
  // Dependency order (the parser has ruled out cycles): a signal after what it reads.
  std::vector<bool> done(c->signals_.size(), false);
  std::function<void(size_t)> visit = [&](size_t i) {
    if (done[i]) {
      return;
    }
    done[i] = true;
    const Signal& s = c->signals_[i];
    for (const auto* deps : {&s.all, &s.any, &s.none}) {
      for (size_t d : *deps) {
        visit(d);
      }
    }
    if (s.near_a >= 0) {
      visit(static_cast<size_t>(s.near_a));
      visit(static_cast<size_t>(s.near_b));
    }
    c->order_.push_back(i);
  };
  for (size_t i = 0; i < c->signals_.size(); ++i) {
    visit(i);
  }
  return c;
}

NormalizedText Checker::normalized(std::string_view text) const {
  return normalize(text, aliases_);
}

void Checker::evaluate(const NormalizedText& text, Evaluation& ev) const {
  ev.reset(signals_.size());
  std::vector<PatternMatch>& matches = ev.matches;
  db_->scan(text.text, matches);
  auto cp = [&text](uint32_t byte) {
    return byte < text.text.size() ? text.cp_of_byte[byte] : text.code_points();
  };
  // Where negation cues end and verdict cues start and, only when there are any, the
  // clause and sentence boundaries before each code point.
  std::vector<uint32_t>& cue_ends = ev.cue_ends;
  std::vector<uint32_t>& verdict_starts = ev.verdict_starts;
  for (const auto& m : matches) {
    if (pattern_signal_[m.pattern] == kNegationPattern) {
      cue_ends.push_back(cp(m.to));
    } else if (pattern_signal_[m.pattern] == kVerdictPattern) {
      verdict_starts.push_back(cp(m.from));
    }
  }
  // Running counts of the boundaries before each code point: clauses end at commas too,
  // sentences do not.
  auto count_boundaries = [&text](std::vector<uint32_t>& counts, bool commas) {
    counts.assign(text.code_points() + 1, 0);
    for (size_t i = 0; i < text.code_points(); ++i) {
      const char c = text.text[text.cp_byte[i]];
      const bool boundary = c == '!' || c == '?' || c == ';' || c == '|' || (commas && c == ',') ||
                            text.text.compare(text.cp_byte[i], 3, "。") == 0;
      counts[i + 1] = counts[i] + (boundary ? 1 : 0);
    }
  };
  std::vector<uint32_t>& boundaries = ev.boundaries;
  std::vector<uint32_t>& sentences = ev.sentences;
  if (!cue_ends.empty()) {
    count_boundaries(boundaries, true);
  }
  if (!verdict_starts.empty()) {
    count_boundaries(sentences, false);
  }
  const bool cues = !cue_ends.empty() || !verdict_starts.empty();
  const auto window = static_cast<uint32_t>(rules_.negation_window);
  const auto verdict_window = static_cast<uint32_t>(rules_.verdict_window);
  auto negated = [&](uint32_t from, uint32_t to) {
    const uint32_t start = cp(from);
    for (uint32_t end : cue_ends) {
      if (end <= start && start - end <= window && boundaries[start] == boundaries[end]) {
        return true;
      }
    }
    const uint32_t stop = cp(to);
    for (uint32_t verdict : verdict_starts) {
      if (verdict >= stop && verdict - stop <= verdict_window &&
          sentences[stop] == sentences[verdict]) {
        return true;
      }
    }
    return false;
  };
  std::vector<EntityMatch> entity_matches;
  std::vector<char>& pattern_hit = ev.pattern_hit;
  for (const auto& m : matches) {
    if (pattern_signal_[m.pattern] == kNegationPattern ||
        pattern_signal_[m.pattern] == kVerdictPattern) {
      continue;
    }
    if (pattern_signal_[m.pattern] == kEntityPattern) {
      entity_matches.push_back({static_cast<EntityKind>(pattern_entity_[m.pattern]), m.from, m.to});
      continue;
    }
    const auto s = static_cast<size_t>(pattern_signal_[m.pattern]);
    const SignalSpec& spec = signals_[s].spec;
    if (spec.negatable && spec.weight >= 0 && cues && negated(m.from, m.to)) {
      continue;
    }
    pattern_hit[s] = 1;
    add_span(ev.spans[s], {m.from, m.to});
  }
  ev.entities = extract_entities(std::move(entity_matches), text);
  for (const auto& e : ev.entities) {
    add_span(ev.spans[static_cast<size_t>(e.kind)], {e.from, e.to});
  }
  for (size_t i : order_) {
    const Signal& s = signals_[i];
    bool fired;
    if (s.entity) {
      fired = !ev.spans[i].empty();
    } else {
      fired = s.spec.patterns.empty() || pattern_hit[i];
      for (size_t d : s.all) {
        fired = fired && ev.fired[d];
      }
      if (fired && !s.any.empty()) {
        fired = std::any_of(s.any.begin(), s.any.end(), [&](size_t d) { return ev.fired[d]; });
      }
      for (size_t d : s.none) {
        fired = fired && !ev.fired[d];
      }
      if (fired && s.near_a >= 0) {
        const auto a = static_cast<size_t>(s.near_a);
        const auto b = static_cast<size_t>(s.near_b);
        fired = false;
        if (ev.fired[a] && ev.fired[b]) {
          for (const auto& x : ev.spans[a]) {
            for (const auto& y : ev.spans[b]) {
              const auto lo = std::max(cp(x.from), cp(y.from));
              const auto hi = std::min(cp(x.to), cp(y.to));
              const auto gap = lo > hi ? lo - hi : 0;
              if (gap <= static_cast<uint32_t>(s.spec.within)) {
                fired = true;
                add_span(ev.spans[i], x);
                add_span(ev.spans[i], y);
              }
            }
          }
        }
      }
      if (fired) {
        for (const auto* deps : {&s.all, &s.any}) {
          for (size_t d : *deps) {
            if (ev.fired[d]) {
              for (const auto& r : ev.spans[d]) {
                add_span(ev.spans[i], r);
              }
            }
          }
        }
      }
    }
    ev.fired[i] = fired ? 1 : 0;
    if (!fired) {
      ev.spans[i].clear();
    }
  }
}

std::vector<std::string> Checker::fired_signals(std::string_view text) const {
  const std::string clean = sanitize_utf8(text);
  Evaluation& ev = thread_evaluation();
  NormalizedText& norm = thread_normalized();
  normalize(clean, aliases_, norm);
  evaluate(norm, ev);
  std::vector<std::string> out;
  for (size_t i = 0; i < signals_.size(); ++i) {
    if (ev.fired[i]) {
      out.push_back(signals_[i].spec.name);
    }
  }
  return out;
}

CheckResult Checker::check(std::string_view text, const Classifier* model) const {
  CheckResult r;
  r.text = sanitize_utf8(text);
  r.rules_version = rules_.version;
  NormalizedText& norm = thread_normalized();
  normalize(r.text, aliases_, norm);
  Evaluation& ev = thread_evaluation();
  evaluate(norm, ev);
  int score = 0;
  // Points per fraud type, indexed by the enum's value.
  std::array<int, 256> by_type{};
  auto type_points = [&by_type](domain::FraudType t) -> int& {
    return by_type[static_cast<size_t>(t)];
  };
  std::vector<std::string> signal_advice;
  bool muted = false;
  for (size_t i = 0; i < signals_.size(); ++i) {
    muted = muted || (ev.fired[i] && signals_[i].spec.mute);
  }
  for (size_t i = 0; i < signals_.size(); ++i) {
    const Signal& s = signals_[i];
    if (!ev.fired[i] || s.spec.weight == 0 || (muted && s.spec.weight > 0)) {
      continue;
    }
    score += s.spec.weight;
    Reason reason{s.spec.name, s.spec.label, s.spec.weight, {}};
    for (const auto& b : ev.spans[i]) {
      reason.spans.push_back(norm.original_span(b.from, b.to));
    }
    std::sort(reason.spans.begin(), reason.spans.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    r.reasons.push_back(std::move(reason));
    if (s.spec.weight > 0) {
      if (s.spec.type) {
        type_points(*s.spec.type) += s.spec.weight;
      }
      signal_advice.insert(signal_advice.end(), s.spec.advice.begin(), s.spec.advice.end());
    }
  }
  std::optional<domain::FraudType> model_type;
  if (model != nullptr && rules_.model_weight > 0) {
    const auto out = model->classify(model_tokens(norm));
    r.model_probability = out.fraud_probability;
    // From −model_weight_normal at P(fraud) = 0 through 0 at ½ to +model_weight at 1.
    const double lean = 2 * out.fraud_probability - 1;
    const int weight = lean > 0 ? rules_.model_weight : rules_.model_points_normal();
    int points = static_cast<int>(std::lround(weight * lean));
    if (muted && points > 0) {
      points = 0;
    }
    if (points != 0) {
      score += points;
      r.reasons.push_back(
          {"model",
           points > 0 ? "用词与已知诈骗信息相似（统计模型）" : "用词与正常信息相似（统计模型）",
           points,
           {}});
    }
    if (out.fraud_probability >= 0.5) {
      model_type = out.type;
    }
    // The model votes on the type too: its probabilities, in points up to twice its
    // weight, added to the rules' points per type.
    if (!muted) {
      for (const auto& [type, p] : out.types) {
        type_points(type) += static_cast<int>(std::lround(2 * rules_.model_weight * p));
      }
    }
  }
  std::stable_sort(r.reasons.begin(), r.reasons.end(), [](const Reason& a, const Reason& b) {
    if ((a.weight > 0) != (b.weight > 0)) return a.weight > 0;
    return std::abs(a.weight) > std::abs(b.weight);
  });
  r.score = std::clamp(score, 0, 100);
  r.verdict = r.score >= rules_.fraud_threshold        ? Verdict::kFraud
              : r.score >= rules_.suspicious_threshold ? Verdict::kSuspicious
                                                       : Verdict::kNormal;
  if (r.verdict != Verdict::kNormal) {
    int best = 0;
    for (domain::FraudType type : domain::all_fraud_types()) {
      if (type_points(type) > best) {
        best = type_points(type);
        r.type = type;
      }
    }
    if (!r.type) {
      r.type = model_type;
    }
  }
  for (const auto& e : ev.entities) {
    r.entities.push_back({e.kind, norm.original_span(e.from, e.to), e.value});
  }
  std::vector<std::string> advice;
  switch (r.verdict) {
    case Verdict::kFraud:
      advice = rules_.fraud_advice;
      break;
    case Verdict::kSuspicious:
      advice = rules_.suspicious_advice;
      break;
    case Verdict::kNormal:
      advice = rules_.normal_advice;
      break;
  }
  if (r.verdict != Verdict::kNormal) {
    for (const auto& ta : rules_.type_advice) {
      if (r.type && ta.type == *r.type) {
        advice.insert(advice.end(), ta.advice.begin(), ta.advice.end());
      }
    }
    advice.insert(advice.end(), signal_advice.begin(), signal_advice.end());
  }
  r.advice = deduplicated(std::move(advice));
  return r;
}

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kFraud:
      return "fraud";
    case Verdict::kSuspicious:
      return "suspicious";
    case Verdict::kNormal:
      return "normal";
  }
  return "normal";
}

std::string_view verdict_label(Verdict v) {
  switch (v) {
    case Verdict::kFraud:
      return "诈骗";
    case Verdict::kSuspicious:
      return "可疑";
    case Verdict::kNormal:
      return "正常";
  }
  return "正常";
}

}  // namespace fanzha::checker
