// Quality of the scam-message checker on the labelled corpus (issue 5 §4): precision,
// recall and F1 for "flagged" (fraud or suspicious) against legitimate messages, per
// fraud type, and the false-positive rate per legitimate category.
//
//   checker_quality RULES.yaml CORPUS_DIR [--model MODEL.bin] [--split heldout|dev|train|all]
//
// "train" is everything the served model trains on (train and dev); "dev" is meant for
// a model trained with train_checker_model --without-dev.
//                   [--errors | --all]
//
// --errors prints each misjudged message with its score, type, model probability and
// signals (ERR lines); --all prints every message that way (MSG lines), for rule work.
#include <cstring>
#include <iomanip>
#include <iostream>
#include <map>

#include "checker/checker.h"
#include "checker/corpus.h"
#include "checker/fasttext_classifier.h"
#include "checker/rule_file.h"

using namespace fanzha::checker;
using fanzha::domain::FraudType;

namespace {

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp == 0 ? 1 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1 : static_cast<double>(tp) / (tp + fn); }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

void row(const std::string& name, const Counts& c, int support) {
  std::cout << "| " << name << " | " << support << " | " << std::fixed << std::setprecision(3)
            << c.precision() << " | " << c.recall() << " | " << c.f1() << " |\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: checker_quality RULES.yaml CORPUS_DIR [--model M] [--split S] "
                 "[--errors|--all]\n";
    return 2;
  }
  std::string model_path, split = "heldout";
  bool show_errors = false;
  bool show_all = false;
  for (int i = 3; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--model") && i + 1 < argc)
      model_path = argv[++i];
    else if (!std::strcmp(argv[i], "--split") && i + 1 < argc)
      split = argv[++i];
    else if (!std::strcmp(argv[i], "--errors"))
      show_errors = true;
    else if (!std::strcmp(argv[i], "--all"))
      show_errors = show_all = true;
    else {
      std::cerr << "checker_quality: unknown option " << argv[i] << "\n";
      return 2;
    }
  }
  if (split != "heldout" && split != "dev" && split != "train" && split != "all") {
    std::cerr << "checker_quality: --split is heldout, dev, train or all, not " << split << "\n";
    return 2;
  }
  auto compiled = compile_rule_file(argv[1]);
  if (auto* e = std::get_if<RuleFileError>(&compiled)) {
    std::cerr << argv[1] << ":" << e->line << ": " << e->reason << "\n";
    return 1;
  }
  const auto& checker = *std::get<std::unique_ptr<Checker>>(compiled);
  std::unique_ptr<FastTextClassifier> model;
  if (!model_path.empty()) {
    model = FastTextClassifier::load(model_path);
  }
  Counts flagged, fraud_only;
  std::map<FraudType, Counts> per_type;
  std::map<FraudType, int> support;
  std::map<std::string, std::pair<int, int>> normal_fp;  // category → (flagged, total)
  int n = 0;
  for (const auto& m : read_corpus(argv[2])) {
    if ((split == "heldout" && m.split != Split::kHeldOut) ||
        (split == "dev" && m.split != Split::kDev) ||
        (split == "train" && m.split == Split::kHeldOut)) {
      continue;
    }
    ++n;
    const CheckResult r = checker.check(m.text, model.get());
    const bool is_fraud = m.label.type.has_value();
    const bool hit = r.verdict != Verdict::kNormal;
    const bool hit_fraud = r.verdict == Verdict::kFraud;
    flagged.tp += is_fraud && hit;
    flagged.fp += !is_fraud && hit;
    flagged.fn += is_fraud && !hit;
    fraud_only.tp += is_fraud && hit_fraud;
    fraud_only.fp += !is_fraud && hit_fraud;
    fraud_only.fn += is_fraud && !hit_fraud;
    if (is_fraud) {
      ++support[*m.label.type];
      if (hit && r.type == m.label.type) {
        ++per_type[*m.label.type].tp;
      } else {
        ++per_type[*m.label.type].fn;
      }
    }
    if (hit && r.type && r.type != m.label.type) {
      ++per_type[*r.type].fp;
    }
    if (!is_fraud) {
      auto& [fp, total] = normal_fp[m.label.category];
      fp += hit;
      ++total;
    }
    const bool wrong = is_fraud != hit || (is_fraud && r.type != m.label.type);
    if (show_errors && (wrong || show_all)) {
      std::cout << (wrong ? "ERR\t" : "MSG\t") << m.label.category << "\t"
                << verdict_name(r.verdict) << "\t" << r.score << "\t"
                << (r.type ? fraud_type_key(*r.type) : "-")
                << "\tp=" << (r.model_probability ? *r.model_probability : -1) << "\t";
      for (const auto& reason : r.reasons) {
        std::cout << reason.name << "(" << reason.weight << ") ";
      }
      std::cout << "\t" << m.text << "\n";
    }
  }
  std::cout << "split " << split << ", " << n << " messages, "
            << (model ? "rules + model" : "rules only") << "\n\n"
            << "| | messages | precision | recall | F1 |\n|---|---|---|---|---|\n";
  int frauds = 0;
  for (const auto& [t, s] : support) frauds += s;
  row("**flagged (fraud or suspicious) vs legitimate**", flagged, frauds);
  row("verdict fraud only vs legitimate", fraud_only, frauds);
  double macro = 0;
  for (const auto& [type, s] : support) {
    row(std::string(fraud_type_key(type)), per_type[type], s);
    macro += per_type[type].f1();
  }
  std::cout
      << "\nmacro F1 over types (type must match): " << std::setprecision(3)
      << macro / std::max<size_t>(1, support.size()) << "\n\n"
      << "| legitimate category | messages | flagged | false-positive rate |\n|---|---|---|---|\n";
  int all_fp = 0, all_total = 0;
  for (const auto& [cat, v] : normal_fp) {
    std::cout << "| " << cat << " | " << v.second << " | " << v.first << " | "
              << std::setprecision(2) << 100.0 * v.first / v.second << " % |\n";
    all_fp += v.first;
    all_total += v.second;
  }
  std::cout << "| **all legitimate** | " << all_total << " | " << all_fp << " | "
            << 100.0 * all_fp / std::max(1, all_total) << " % |\n";
  return 0;
}
