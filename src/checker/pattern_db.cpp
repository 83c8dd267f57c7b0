#include "checker/pattern_db.h"

#include <hs/hs.h>
#include <re2/re2.h>

#include <atomic>

namespace fanzha::checker {

namespace {

// Enough for every signal in a long message; more only from a pathological pattern.
constexpr size_t kMaxMatches = 4096;
// Start-of-match tracking makes compiling bounded repeats such as [^。]{0,12} slow, so
// only quantifier-free patterns get it; the others are reported once each, for RE2.
constexpr unsigned kBaseFlags = HS_FLAG_UTF8 | HS_FLAG_CASELESS | HS_FLAG_DOTALL;
constexpr unsigned kSpanFlags = kBaseFlags | HS_FLAG_SOM_LEFTMOST;
constexpr unsigned kHitFlags = kBaseFlags | HS_FLAG_SINGLEMATCH;

std::atomic<uint64_t> next_db_id{1};

// One scratch per thread, grown for every database the thread scans; `db_id` says
// which database it was last checked against.
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  uint64_t db_id = 0;
  ~ThreadScratch() { hs_free_scratch(scratch); }
};
thread_local ThreadScratch thread_scratch;

int on_hit(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* ctx) {
  static_cast<std::vector<uint32_t>*>(ctx)->push_back(id);
  return 0;
}

struct SpanContext {
  std::vector<PatternMatch>* out;
  size_t start;
};

int on_span(unsigned int id, unsigned long long from, unsigned long long to, unsigned int,
            void* ctx) {
  auto* c = static_cast<SpanContext*>(ctx);
  if (c->out->size() - c->start >= kMaxMatches) {
    return 1;  // stop scanning
  }
  c->out->push_back({id, static_cast<uint32_t>(from), static_cast<uint32_t>(to)});
  return 0;
}

RE2::Options re2_options() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_dot_nl(true);
  o.set_log_errors(false);
  return o;
}

}  // namespace

struct PatternDb::Impl {
  // Patterns without quantifiers (words and alternations): Vectorscan reports their spans
  // itself (start-of-match is cheap to compile for them).
  hs_database_t* spans_db = nullptr;
  // The others: Vectorscan says which occur, RE2 finds where.
  hs_database_t* hits_db = nullptr;
  uint64_t id = 0;
  std::vector<std::unique_ptr<RE2>> re2;  // every pattern (validation; spans of hits_db's)
  std::vector<uint32_t> re2_only;         // patterns Vectorscan could not compile
  ~Impl() {
    hs_free_database(spans_db);
    hs_free_database(hits_db);
  }
};

namespace {

// True for a pattern of literal text, groups, alternations and classes only.
bool without_quantifiers(const std::string& regex) {
  bool escaped = false;
  for (char c : regex) {
    if (escaped) {
      escaped = false;
      continue;
    }
    if (c == '\\') {
      escaped = true;
    } else if (c == '*' || c == '+' || c == '?' || c == '{' || c == '.') {
      return false;
    }
  }
  return true;
}

// Compiles `ids` into one database; patterns Vectorscan refuses are moved to `refused`.
std::variant<hs_database_t*, RuleFileError> compile_db(
    const std::vector<PatternDb::Source>& sources, std::vector<unsigned> ids, unsigned flags,
    std::vector<uint32_t>& refused) {
  while (!ids.empty()) {
    std::vector<const char*> expressions;
    for (unsigned id : ids) {
      expressions.push_back(sources[id].regex.c_str());
    }
    const std::vector<unsigned> all_flags(ids.size(), flags);
    hs_compile_error_t* error = nullptr;
    hs_database_t* db = nullptr;
    if (hs_compile_multi(expressions.data(), all_flags.data(), ids.data(),
                         static_cast<unsigned>(ids.size()), HS_MODE_BLOCK, nullptr, &db,
                         &error) == HS_SUCCESS) {
      return db;
    }
    const std::string message = error->message;
    const int failed = error->expression;
    hs_free_compile_error(error);
    if (failed < 0) {
      return RuleFileError{0, "the patterns do not compile together: " + message};
    }
    refused.push_back(ids[static_cast<size_t>(failed)]);
    ids.erase(ids.begin() + failed);
  }
  return static_cast<hs_database_t*>(nullptr);
}

}  // namespace

PatternDb::PatternDb(std::unique_ptr<Impl> impl, size_t size)
    : impl_(std::move(impl)), size_(size) {}
PatternDb::~PatternDb() = default;

size_t PatternDb::re2_count() const { return impl_->re2_only.size(); }

std::variant<std::unique_ptr<PatternDb>, RuleFileError> PatternDb::compile(
    const std::vector<Source>& sources) {
  auto impl = std::make_unique<Impl>();
  std::vector<unsigned> simple;
  std::vector<unsigned> other;
  for (size_t i = 0; i < sources.size(); ++i) {
    const Source& source = sources[i];
    auto re = std::make_unique<RE2>(source.regex, re2_options());
    if (!re->ok()) {
      return RuleFileError{source.line,
                           "pattern '" + source.regex + "' does not compile: " + re->error()};
    }
    if (RE2::FullMatch("", *re)) {
      return RuleFileError{source.line, "pattern '" + source.regex + "' matches empty text"};
    }
    impl->re2.push_back(std::move(re));
    (without_quantifiers(source.regex) ? simple : other).push_back(static_cast<unsigned>(i));
  }
  // A simple pattern Vectorscan refuses with start-of-match is tried without it.
  std::vector<uint32_t> refused;
  auto spans = compile_db(sources, simple, kSpanFlags, refused);
  if (auto* e = std::get_if<RuleFileError>(&spans)) {
    return *e;
  }
  impl->spans_db = std::get<hs_database_t*>(spans);
  other.insert(other.end(), refused.begin(), refused.end());
  auto hits = compile_db(sources, other, kHitFlags, impl->re2_only);
  if (auto* e = std::get_if<RuleFileError>(&hits)) {
    return *e;
  }
  impl->hits_db = std::get<hs_database_t*>(hits);
  impl->id = next_db_id.fetch_add(1);
  return std::unique_ptr<PatternDb>(new PatternDb(std::move(impl), sources.size()));
}

void PatternDb::scan(std::string_view text, std::vector<PatternMatch>& out) const {
  const size_t start = out.size();
  std::vector<uint32_t> hits = impl_->re2_only;
  if (!text.empty() && (impl_->spans_db != nullptr || impl_->hits_db != nullptr)) {
    ThreadScratch& ts = thread_scratch;
    if (ts.db_id != impl_->id) {
      for (hs_database_t* db : {impl_->spans_db, impl_->hits_db}) {
        if (db != nullptr && hs_alloc_scratch(db, &ts.scratch) != HS_SUCCESS) {
          throw std::bad_alloc();
        }
      }
      ts.db_id = impl_->id;
    }
    const auto length = static_cast<unsigned>(text.size());
    if (impl_->spans_db != nullptr) {
      SpanContext ctx{&out, start};
      hs_scan(impl_->spans_db, text.data(), length, 0, ts.scratch, on_span, &ctx);
    }
    if (impl_->hits_db != nullptr) {
      hs_scan(impl_->hits_db, text.data(), length, 0, ts.scratch, on_hit, &hits);
    }
  }
  for (uint32_t index : hits) {
    const RE2& re = *impl_->re2[index];
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece match;
    size_t pos = 0;
    while (pos < text.size() && out.size() - start < kMaxMatches &&
           re.Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
      const auto from = static_cast<uint32_t>(match.data() - text.data());
      const auto to = static_cast<uint32_t>(from + match.size());
      out.push_back({index, from, to});
      pos = to > from ? to : to + 1;
    }
  }
}

}  // namespace fanzha::checker
