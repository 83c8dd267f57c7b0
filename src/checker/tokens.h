// Model tokens of a normalised message, the same at training and at prediction: every
// Chinese character is a token, a run of letters is a word, a run of digits becomes its
// shape (<n6> for six digits), other symbols are tokens of their own; spaces separate
// nothing more. fastText adds the bigrams (wordNgrams 2). Pure, thread-safe.
#pragma once

#include <string>

#include "checker/normalizer.h"

namespace fanzha::checker {

std::string model_tokens(const NormalizedText& text);

// fastText labels: "__label__normal" and "__label__<fraud type key>".
inline constexpr const char* kNormalLabel = "__label__normal";
std::string fraud_label(std::string_view type_key);

}  // namespace fanzha::checker
