#include "checker/corpus.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace fanzha::checker {

namespace {
constexpr uint64_t kHeldOutShare = 5;  // one message in five
}

Split corpus_split(std::string_view message) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a 64
  for (unsigned char c : message) {
    h = (h ^ c) * 1099511628211ull;
  }
  const uint64_t share = h % kHeldOutShare;
  return share == 0 ? Split::kHeldOut : share == 1 ? Split::kDev : Split::kTrain;
}

std::optional<CorpusLabel> corpus_label(std::string_view path) {
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos || !path.ends_with(".txt")) {
    return std::nullopt;
  }
  const std::string_view file = path.substr(slash + 1, path.size() - slash - 1 - 4);
  const std::string_view dir_path = path.substr(0, slash);
  const std::string_view dir = dir_path.substr(dir_path.rfind('/') + 1);
  if (dir == "normal") {
    return CorpusLabel{std::nullopt, std::string(file)};
  }
  if (dir == "fraud") {
    if (auto type = domain::parse_fraud_type(file)) {
      return CorpusLabel{type, std::string(file)};
    }
  }
  return std::nullopt;
}

std::vector<CorpusMessage> read_corpus(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && corpus_label(entry.path().string())) {
      files.push_back(entry.path().string());
    }
  }
  if (files.empty()) {
    throw std::runtime_error("no corpus files (fraud/*.txt, normal/*.txt) under " + dir);
  }
  std::sort(files.begin(), files.end());
  std::vector<CorpusMessage> out;
  for (const auto& path : files) {
    const CorpusLabel label = *corpus_label(path);
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) {
        out.push_back({line, label, corpus_split(line)});
      }
    }
  }
  return out;
}

}  // namespace fanzha::checker
