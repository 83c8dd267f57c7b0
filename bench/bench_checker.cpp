// Batch throughput of the scam-message checker on SMS-length messages (issue 5 §5):
// messages per second on one core with rules only and with the model, beside a naive
// baseline that applies the same patterns with std::regex to the same normalised text.
//
//   bench_checker RULES.yaml CORPUS_DIR MODEL.bin [--seconds S] [--runs N] [--passes P]
//                 [--no-model] [--no-baseline]
//
// Each figure is the median of N runs (default 5) of S seconds: the VMs this runs on
// are shared, and single runs vary by ±30 %.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <iostream>
#include <regex>

#include "checker/checker.h"
#include "checker/corpus.h"
#include "checker/fasttext_classifier.h"
#include "checker/rule_file.h"
#include "checker/utf8.h"
#include "common/text.h"

using namespace fanzha::checker;
using Clock = std::chrono::steady_clock;

namespace {

constexpr size_t kMinChars = 30;
constexpr size_t kMaxChars = 200;

// With --passes N, each run checks every message exactly N times instead of for a time:
// a fixed amount of work, to count instructions (valgrind --tool=callgrind) where the
// clock is too noisy to compare two builds.
int passes = 0;

template <typename F>
double one_run(const std::vector<std::string>& messages, double seconds, F&& check) {
  size_t done = 0;
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  for (int pass = 0; passes > 0 ? pass < passes : Clock::now() < until; ++pass) {
    for (const auto& m : messages) {
      check(m);
    }
    done += messages.size();
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(done) / elapsed;
}

int runs = 5;

template <typename F>
double per_second(const std::vector<std::string>& messages, double seconds, F&& check) {
  std::vector<double> rates;
  for (int i = 0; i < runs; ++i) {
    rates.push_back(one_run(messages, seconds, check));
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: bench_checker RULES.yaml CORPUS_DIR MODEL.bin [--seconds S]\n";
    return 2;
  }
  double seconds = 5;
  bool baseline_run = true;
  bool model_run = true;
  for (int i = 4; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = std::stod(argv[++i]);
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::stoi(argv[++i]));
    if (!std::strcmp(argv[i], "--passes") && i + 1 < argc) passes = std::stoi(argv[++i]);
    if (!std::strcmp(argv[i], "--no-baseline")) baseline_run = false;
    if (!std::strcmp(argv[i], "--no-model")) model_run = false;
  }
  auto compiled = compile_rule_file(argv[1]);
  if (auto* e = std::get_if<RuleFileError>(&compiled)) {
    std::cerr << "rules: line " << e->line << ": " << e->reason << "\n";
    return 1;
  }
  const auto& checker = *std::get<std::unique_ptr<Checker>>(compiled);
  const auto model = FastTextClassifier::load(argv[3]);

  std::vector<std::string> messages;
  size_t chars = 0;
  for (const auto& m : read_corpus(argv[2])) {
    const size_t n = fanzha::utf8_length(m.text);
    if (n >= kMinChars && n <= kMaxChars) {
      messages.push_back(m.text);
      chars += n;
    }
  }
  std::cout << messages.size() << " messages of 30–200 characters (mean " << chars / messages.size()
            << "), one thread, median of " << runs << " runs of " << seconds << " s\n";

  size_t sink = 0;
  const double rules = per_second(messages, seconds, [&](const std::string& m) {
    sink += static_cast<size_t>(checker.check(m, nullptr).score);
  });
  const double with_model =
      !model_run ? 0 : per_second(messages, seconds, [&](const std::string& m) {
        sink += static_cast<size_t>(checker.check(m, model.get()).score);
      });

  // The baseline: every pattern of the rule file as a std::regex, searched for all its
  // matches in the normalised text (byte-wise: std::regex knows no UTF-8).
  std::vector<std::regex> regexes;
  size_t refused = 0;
  for (const auto& s : checker.rules().signals) {
    for (const auto& p : s.patterns) {
      try {
        const std::string source =
            p.literal ? escape_regex(checker.normalized(p.text).text) : p.text;
        regexes.emplace_back(source, std::regex::ECMAScript | std::regex::icase);
      } catch (const std::regex_error&) {
        ++refused;
      }
    }
  }
  const double baseline =
      !baseline_run ? 1 : per_second(messages, seconds / 5, [&](const std::string& m) {
        const auto norm = checker.normalized(m);
        for (const auto& re : regexes) {
          for (auto it = std::sregex_iterator(norm.text.begin(), norm.text.end(), re);
               it != std::sregex_iterator(); ++it) {
            sink += static_cast<size_t>(it->position());
          }
        }
      });
  std::cout << "rules only (Vectorscan + RE2 spans): " << static_cast<long>(rules) << " msg/s\n"
            << "rules + fastText model:              " << static_cast<long>(with_model)
            << " msg/s\n"
            << "baseline std::regex, " << regexes.size() << " patterns (" << refused
            << " refused): " << static_cast<long>(baseline) << " msg/s\n"
            << "ratio rules / baseline: " << rules / baseline << "x\n"
            << "(checksum " << sink % 1000 << ")\n";
  return 0;
}
