// A printable report (e.g. the weekly case bulletin, "周通报") as a plain document model:
// a title block, then headings, paragraphs and tables in reading order, then the issuer
// and the date. Every text is final, already formatted UTF-8; the renderers
// (report/pdf_renderer.h, report/xlsx_renderer.h) only lay it out. Plain values: copy
// freely, no thread-safety concerns of its own.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace fanzha::report {

struct ReportTable {
  std::string caption;  // e.g. "各乡镇发案情况"; empty for none
  std::vector<std::string> header;
  // Already formatted cells. A row may be shorter than the header (the rest is blank);
  // the table is as wide as its widest row.
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;           // per column: right-aligned; missing means text
  std::vector<size_t> highlight_rows;  // indexes into `rows` drawn emphasised
};

// Exactly one of a heading, a paragraph (`text`) or a table (`table`), as `kind` says.
struct ReportBlock {
  enum class Kind { kHeading, kParagraph, kTable } kind = Kind::kParagraph;
  std::string text;
  ReportTable table;
};

struct ReportDocument {
  std::string title;      // "安澜县电信网络诈骗案件周通报"
  std::string subtitle;   // "2026年第49周（12月1日—12月7日）"
  std::string issuer;     // "安澜县打击治理电信网络诈骗工作领导小组办公室"
  std::string issued_on;  // "2026年12月8日"
  std::vector<ReportBlock> blocks;
};

inline ReportBlock heading_block(std::string text) {
  return ReportBlock{ReportBlock::Kind::kHeading, std::move(text), {}};
}
inline ReportBlock paragraph_block(std::string text) {
  return ReportBlock{ReportBlock::Kind::kParagraph, std::move(text), {}};
}
inline ReportBlock table_block(ReportTable table) {
  return ReportBlock{ReportBlock::Kind::kTable, {}, std::move(table)};
}

}  // namespace fanzha::report
