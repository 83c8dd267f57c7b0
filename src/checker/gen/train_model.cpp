// Build-time trainer of the checker's fastText model: reads the train split of
// checker/corpus (see checker/corpus.h), normalises and tokenises each message exactly
// as the checker does, and trains a supervised fastText model (one thread, fixed seed:
// the same corpus gives the same model).
//
//   train_checker_model RULES.yaml CORPUS_DIR OUTPUT.bin [--without-dev] [--dim N]
//                       [--epoch N] [--lr X] [--ngrams N] [--bucket N] [--seed N]
//                       [--min-count N] [--ova]
//
// The options are for tuning (bench/checker_cv.py --train "..."); the build uses the
// defaults below.
#include <fasttext/fasttext.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "checker/corpus.h"
#include "checker/normalizer.h"
#include "checker/rule_file.h"
#include "checker/tokens.h"

namespace fs = std::filesystem;
using namespace fanzha::checker;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: train_checker_model RULES.yaml CORPUS_DIR OUTPUT.bin [--without-dev]"
                 " [--dim N] [--epoch N] [--lr X] [--ngrams N] [--bucket N] [--seed N]"
                 " [--min-count N] [--ova]\n";
    return 2;
  }
  fasttext::Args args;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.dim = 32;
  args.epoch = 300;  // cross-validation: 80 → 300 epochs, same F1, fewer false positives
  args.lr = 0.5;
  args.wordNgrams = 2;
  args.minCount = 1;
  args.minn = 0;
  args.maxn = 0;
  args.bucket = 200000;
  args.thread = 1;
  args.verbose = 0;
  args.seed = 20261201;
  bool without_dev = false;
  for (int i = 4; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--without-dev") {
      without_dev = true;
    } else if (flag == "--dim" && has_value) {
      args.dim = std::stoi(argv[++i]);
    } else if (flag == "--epoch" && has_value) {
      args.epoch = std::stoi(argv[++i]);
    } else if (flag == "--lr" && has_value) {
      args.lr = std::stod(argv[++i]);
    } else if (flag == "--ngrams" && has_value) {
      args.wordNgrams = std::stoi(argv[++i]);
    } else if (flag == "--bucket" && has_value) {
      args.bucket = std::stoi(argv[++i]);
    } else if (flag == "--seed" && has_value) {
      args.seed = std::stoi(argv[++i]);
    } else if (flag == "--min-count" && has_value) {
      args.minCount = std::stoi(argv[++i]);
    } else if (flag == "--ova") {
      args.loss = fasttext::loss_name::ova;
    } else {
      std::cerr << "train_checker_model: unknown option " << flag << "\n";
      return 2;
    }
  }
  const auto parsed = read_rule_file(argv[1]);
  if (!parsed.rules) {
    std::cerr << argv[1] << ":" << parsed.error.line << ": " << parsed.error.reason << "\n";
    return 1;
  }
  const Aliases aliases(parsed.rules->aliases);
  const auto corpus = read_corpus(argv[2]);
  const std::string train_path = std::string(argv[3]) + ".train.txt";
  std::ofstream train(train_path);
  size_t lines = 0;
  for (const auto& m : corpus) {
    if (m.split == Split::kHeldOut || (without_dev && m.split == Split::kDev)) {
      continue;
    }
    const std::string tag =
        m.label.type ? fraud_label(fanzha::domain::fraud_type_key(*m.label.type)) : kNormalLabel;
    train << tag << ' ' << model_tokens(normalize(m.text, aliases)) << '\n';
    ++lines;
  }
  train.close();
  if (lines == 0) {
    std::cerr << "train_checker_model: no training messages under " << argv[2] << "\n";
    return 1;
  }
  args.input = train_path;
  args.output = argv[3];
  fasttext::FastText model;
  model.train(args);
  model.saveModel(argv[3]);
  fs::remove(train_path);
  std::cout << "train_checker_model: " << lines << " training messages of " << corpus.size()
            << " → " << argv[3] << "\n";
  return 0;
}
