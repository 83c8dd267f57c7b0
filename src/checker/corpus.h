// The labelled corpus in checker/corpus/ (fraud/<type>.txt and normal/<category>.txt,
// one message per line) and its fixed train / held-out split: a message is held out
// when a hash of its text falls in one fifth of the range, so the split never changes
// with file order and training never sees a held-out line. Reading the files is the
// only done by read_corpus, for the build-time trainer and the quality benchmark.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/fraud_type.h"

namespace fanzha::checker {

// A further fifth of the training part is the dev split: tuning (thresholds, weights,
// model settings) trains without it and measures on it, so the held-out split is only
// ever measured, never tuned on. The served model trains on train and dev.
enum class Split { kTrain, kDev, kHeldOut };
Split corpus_split(std::string_view message);

struct CorpusLabel {
  std::optional<domain::FraudType> type;  // none: a legitimate message
  std::string category;                   // file name without .txt
};
// The label of a corpus file from its path (".../fraud/online_loan.txt"); nullopt for
// a file outside fraud/ and normal/ or with an unknown type.
std::optional<CorpusLabel> corpus_label(std::string_view path);

struct CorpusMessage {
  std::string text;
  CorpusLabel label;
  Split split;
};
// Every message of the corpus under `dir`, files in name order, lines in file order.
// Throws std::runtime_error when the directory holds no corpus file.
std::vector<CorpusMessage> read_corpus(const std::string& dir);

}  // namespace fanzha::checker
