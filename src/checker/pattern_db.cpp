#include "checker/pattern_db.h"

#include <hs/hs.h>
#include <re2/re2.h>

#include <atomic>

namespace fanzha::checker {

namespace {

// Enough for every signal in a long message; more only from a pathological pattern.
constexpr size_t kMaxMatches = 4096;
// No start-of-match tracking (it makes compiling bounded repeats such as [^。]{0,12}
// slow): Vectorscan only says which patterns occur, RE2 finds where.
constexpr unsigned kFlags = HS_FLAG_UTF8 | HS_FLAG_CASELESS | HS_FLAG_DOTALL | HS_FLAG_SINGLEMATCH;

std::atomic<uint64_t> next_db_id{1};

// One scratch per thread, grown for every database the thread scans; `db_id` says
// which database it was last checked against.
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  uint64_t db_id = 0;
  ~ThreadScratch() { hs_free_scratch(scratch); }
};
thread_local ThreadScratch thread_scratch;

int on_match(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* ctx) {
  static_cast<std::vector<uint32_t>*>(ctx)->push_back(id);
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
  hs_database_t* db = nullptr;
  uint64_t id = 0;
  std::vector<std::unique_ptr<RE2>> re2;  // every pattern, for its spans
  std::vector<uint32_t> re2_only;         // patterns Vectorscan could not compile
  ~Impl() { hs_free_database(db); }
};

PatternDb::PatternDb(std::unique_ptr<Impl> impl, size_t size)
    : impl_(std::move(impl)), size_(size) {}
PatternDb::~PatternDb() = default;

size_t PatternDb::re2_count() const { return impl_->re2_only.size(); }

std::variant<std::unique_ptr<PatternDb>, RuleFileError> PatternDb::compile(
    const std::vector<Source>& sources) {
  auto impl = std::make_unique<Impl>();
  for (const Source& source : sources) {
    auto re = std::make_unique<RE2>(source.regex, re2_options());
    if (!re->ok()) {
      return RuleFileError{source.line,
                           "pattern '" + source.regex + "' does not compile: " + re->error()};
    }
    if (RE2::FullMatch("", *re)) {
      return RuleFileError{source.line, "pattern '" + source.regex + "' matches empty text"};
    }
    impl->re2.push_back(std::move(re));
  }
  std::vector<bool> on_re2(sources.size(), false);
  while (true) {
    std::vector<const char*> expressions;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    for (size_t i = 0; i < sources.size(); ++i) {
      if (!on_re2[i]) {
        expressions.push_back(sources[i].regex.c_str());
        flags.push_back(kFlags);
        ids.push_back(static_cast<unsigned>(i));
      }
    }
    if (expressions.empty()) {
      break;
    }
    hs_compile_error_t* error = nullptr;
    hs_database_t* db = nullptr;
    const hs_error_t rc = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                           static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK,
                                           nullptr, &db, &error);
    if (rc == HS_SUCCESS) {
      impl->db = db;
      break;
    }
    const std::string message = error->message;
    const int failed = error->expression;
    hs_free_compile_error(error);
    if (failed < 0) {
      return RuleFileError{0, "the patterns do not compile together: " + message};
    }
    // RE2 compiled it above: it runs there alone.
    const size_t index = ids[static_cast<size_t>(failed)];
    (void)message;
    on_re2[index] = true;
    impl->re2_only.push_back(static_cast<uint32_t>(index));
  }
  impl->id = next_db_id.fetch_add(1);
  return std::unique_ptr<PatternDb>(new PatternDb(std::move(impl), sources.size()));
}

void PatternDb::scan(std::string_view text, std::vector<PatternMatch>& out) const {
  std::vector<uint32_t> hits = impl_->re2_only;
  if (impl_->db != nullptr && !text.empty()) {
    ThreadScratch& ts = thread_scratch;
    if (ts.db_id != impl_->id) {
      if (hs_alloc_scratch(impl_->db, &ts.scratch) != HS_SUCCESS) {
        throw std::bad_alloc();
      }
      ts.db_id = impl_->id;
    }
    hs_scan(impl_->db, text.data(), static_cast<unsigned>(text.size()), 0, ts.scratch, on_match,
            &hits);
  }
  const size_t start = out.size();
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
