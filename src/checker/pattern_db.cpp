#include "checker/pattern_db.h"

#include <hs/hs.h>
#include <re2/re2.h>

#include <algorithm>
#include <atomic>

#include "checker/gap_chain.h"

namespace fanzha::checker {

namespace {

// Enough for every signal in a long message; more only from a pathological pattern.
constexpr size_t kMaxMatches = 4096;
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

RE2::Options re2_options() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_dot_nl(true);
  o.set_log_errors(false);
  return o;
}

}  // namespace

struct PatternDb::Impl {
  // What Vectorscan reports: a whole source, or one piece of a source split at its gaps.
  struct Unit {
    uint32_t source;
    int32_t chain;  // index into `chains`, or −1 for a whole source
  };
  struct Chain {
    uint32_t source;
    std::vector<uint32_t> units;  // one per piece, in order
    std::vector<Gap> gaps;
  };
  // Sources and pieces that Vectorscan reports with their start of match.
  hs_database_t* spans_db = nullptr;
  std::vector<Unit> units;
  std::vector<Chain> chains;
  // Sources Vectorscan can only say occur; RE2 finds where.
  hs_database_t* hits_db = nullptr;
  uint64_t id = 0;
  std::vector<std::unique_ptr<RE2>> re2;  // every source (validation; spans of hits_db's)
  std::vector<uint32_t> re2_only;         // sources Vectorscan could not compile
  ~Impl() {
    hs_free_database(spans_db);
    hs_free_database(hits_db);
  }
};

namespace {

struct UnitSource {
  std::string regex;
  uint32_t source;
  int32_t chain;
};

// One attempt at compiling `expressions` together: the database, or which expression
// Vectorscan refused (−1 when it blames none) and why.
struct CompileAttempt {
  hs_database_t* db = nullptr;
  int failed = -1;
  std::string error;
};

CompileAttempt try_compile(const std::vector<const char*>& expressions,
                           const std::vector<unsigned>& ids, unsigned flags) {
  const std::vector<unsigned> all_flags(expressions.size(), flags);
  CompileAttempt attempt;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), all_flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                       &attempt.db, &error) != HS_SUCCESS) {
    attempt.db = nullptr;
    attempt.failed = error->expression;
    attempt.error = error->message;
    hs_free_compile_error(error);
  }
  return attempt;
}

RuleFileError not_together(const CompileAttempt& attempt) {
  return RuleFileError{0, "the patterns do not compile together: " + attempt.error};
}

// Compiles the units with start-of-match; a unit Vectorscan refuses takes its whole
// source out (appended to `refused`) and the rest is compiled again.
std::variant<hs_database_t*, RuleFileError> compile_spans_db(std::vector<UnitSource>& units,
                                                             std::vector<unsigned>& refused) {
  while (!units.empty()) {
    std::vector<const char*> expressions;
    std::vector<unsigned> ids;
    for (const auto& u : units) {
      expressions.push_back(u.regex.c_str());
      ids.push_back(static_cast<unsigned>(ids.size()));
    }
    const CompileAttempt attempt = try_compile(expressions, ids, kSpanFlags);
    if (attempt.db != nullptr) {
      return attempt.db;
    }
    if (attempt.failed < 0) {
      return not_together(attempt);
    }
    const uint32_t source = units[static_cast<size_t>(attempt.failed)].source;
    refused.push_back(source);
    std::erase_if(units, [source](const UnitSource& u) { return u.source == source; });
  }
  return static_cast<hs_database_t*>(nullptr);
}

// Compiles `ids` without start-of-match; patterns Vectorscan refuses go to `refused`.
std::variant<hs_database_t*, RuleFileError> compile_hits_db(
    const std::vector<PatternDb::Source>& sources, std::vector<unsigned> ids,
    std::vector<uint32_t>& refused) {
  while (!ids.empty()) {
    std::vector<const char*> expressions;
    for (unsigned id : ids) {
      expressions.push_back(sources[id].regex.c_str());
    }
    const CompileAttempt attempt = try_compile(expressions, ids, kHitFlags);
    if (attempt.db != nullptr) {
      return attempt.db;
    }
    if (attempt.failed < 0) {
      return not_together(attempt);
    }
    refused.push_back(ids[static_cast<size_t>(attempt.failed)]);
    ids.erase(ids.begin() + attempt.failed);
  }
  return static_cast<hs_database_t*>(nullptr);
}

// The units of one source: the whole regex, or its pieces when it splits at gaps into
// pieces that each match something.
std::optional<GapChain> usable_split(const std::string& regex) {
  auto split = split_gaps(regex);
  if (!split) {
    return std::nullopt;
  }
  for (const auto& p : split->pieces) {
    const RE2 piece(p, re2_options());
    if (!piece.ok() || RE2::FullMatch("", piece)) {
      return std::nullopt;  // e.g. "(的)?" cannot stand alone
    }
  }
  return split;
}

}  // namespace

PatternDb::PatternDb(std::unique_ptr<Impl> impl, size_t size)
    : impl_(std::move(impl)), size_(size) {}
PatternDb::~PatternDb() = default;

size_t PatternDb::re2_count() const { return impl_->re2_only.size(); }
size_t PatternDb::chain_count() const { return impl_->chains.size(); }

std::variant<std::unique_ptr<PatternDb>, RuleFileError> PatternDb::compile(
    const std::vector<Source>& sources) {
  auto impl = std::make_unique<Impl>();
  std::vector<UnitSource> units;
  std::vector<std::vector<Gap>> gaps;  // per chain, while units are assigned
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
    const auto index = static_cast<uint32_t>(i);
    if (source.re2_only) {
      impl->re2_only.push_back(index);
      continue;
    }
    auto split = usable_split(source.regex);
    if (!split) {
      units.push_back({source.regex, index, -1});
      continue;
    }
    const auto chain = static_cast<int32_t>(gaps.size());
    for (auto& piece : split->pieces) {
      units.push_back({std::move(piece), index, chain});
    }
    gaps.push_back(std::move(split->gaps));
  }
  std::vector<unsigned> refused;
  auto spans = compile_spans_db(units, refused);
  if (auto* e = std::get_if<RuleFileError>(&spans)) {
    return *e;
  }
  impl->spans_db = std::get<hs_database_t*>(spans);
  // Chains whose pieces all compiled, renumbered in order.
  std::vector<int32_t> renumbered(gaps.size(), -1);
  for (size_t u = 0; u < units.size(); ++u) {
    int32_t chain = units[u].chain;
    if (chain >= 0) {
      auto& slot = renumbered[static_cast<size_t>(chain)];
      if (slot < 0) {
        slot = static_cast<int32_t>(impl->chains.size());
        impl->chains.push_back({units[u].source, {}, std::move(gaps[static_cast<size_t>(chain)])});
      }
      chain = slot;
      impl->chains[static_cast<size_t>(chain)].units.push_back(static_cast<uint32_t>(u));
    }
    impl->units.push_back({units[u].source, chain});
  }
  // What start-of-match refuses is tried without it, then left to RE2.
  auto hits = compile_hits_db(sources, refused, impl->re2_only);
  if (auto* e = std::get_if<RuleFileError>(&hits)) {
    return *e;
  }
  impl->hits_db = std::get<hs_database_t*>(hits);
  impl->id = next_db_id.fetch_add(1);
  return std::unique_ptr<PatternDb>(new PatternDb(std::move(impl), sources.size()));
}

// Per-thread buffers of one scan: piece matches per unit, the units that have some,
// and the sources RE2 must find.
struct PatternDb::ScanBuffers {
  std::vector<std::vector<ByteMatch>> pieces;
  std::vector<uint32_t> touched;
  std::vector<uint32_t> hits;
};

struct PatternDb::SpanContext {
  const Impl* impl;
  std::vector<PatternMatch>* out;
  size_t start;
  ScanBuffers* buffers;
};

int PatternDb::on_span(unsigned int id, unsigned long long from, unsigned long long to,
                       unsigned int, void* ctx) {
  auto* c = static_cast<SpanContext*>(ctx);
  if (c->out->size() - c->start >= kMaxMatches) {
    return 1;  // stop scanning
  }
  const Impl::Unit& unit = c->impl->units[id];
  const ByteMatch m{static_cast<uint32_t>(from), static_cast<uint32_t>(to)};
  if (unit.chain < 0) {
    c->out->push_back({unit.source, m.from, m.to});
    return 0;
  }
  auto& matches = c->buffers->pieces[id];
  if (matches.empty()) {
    c->buffers->touched.push_back(id);
  }
  if (matches.size() < kMaxMatches) {
    matches.push_back(m);
  }
  return 0;
}

void PatternDb::scan(std::string_view text, std::vector<PatternMatch>& out) const {
  thread_local ScanBuffers buffers;
  const size_t start = out.size();
  buffers.hits.assign(impl_->re2_only.begin(), impl_->re2_only.end());
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
      if (buffers.pieces.size() < impl_->units.size()) {
        buffers.pieces.resize(impl_->units.size());
      }
      SpanContext ctx{impl_.get(), &out, start, &buffers};
      hs_scan(impl_->spans_db, text.data(), length, 0, ts.scratch, on_span, &ctx);
    }
    if (impl_->hits_db != nullptr) {
      hs_scan(impl_->hits_db, text.data(), length, 0, ts.scratch, on_hit, &buffers.hits);
    }
  }
  if (!buffers.touched.empty()) {
    join_chains(text, buffers, out, start);
    for (uint32_t u : buffers.touched) {
      buffers.pieces[u].clear();
    }
    buffers.touched.clear();
  }
  for (uint32_t index : buffers.hits) {
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

void PatternDb::join_chains(std::string_view text, ScanBuffers& buffers,
                            std::vector<PatternMatch>& out, size_t start) const {
  std::vector<const std::vector<ByteMatch>*> chain_pieces;
  for (const auto& chain : impl_->chains) {
    const bool all_found = std::all_of(chain.units.begin(), chain.units.end(),
                                       [&](uint32_t u) { return !buffers.pieces[u].empty(); });
    if (!all_found) {
      continue;
    }
    chain_pieces.clear();
    for (uint32_t u : chain.units) {
      auto& m = buffers.pieces[u];
      // Vectorscan reports in order of match end; the joiner wants starts in order.
      std::sort(m.begin(), m.end(),
                [](const ByteMatch& a, const ByteMatch& b) { return a.from < b.from; });
      chain_pieces.push_back(&m);
    }
    const size_t room = kMaxMatches - std::min(kMaxMatches, out.size() - start);
    for (const auto& m : join_chain(text, chain.gaps, chain_pieces, room)) {
      out.push_back({chain.source, m.from, m.to});
    }
  }
}

}  // namespace fanzha::checker
