// Private to report/: lays a ReportDocument out on A4 pages as drawing operations
// (report/pdf_canvas.h), so that the page count is known before painting. Page breaks:
// paragraphs split between lines, tables between rows with the header repeated, a
// heading or a table caption never stays alone at the foot of a page (a single line or
// table row taller than a page runs over the bottom margin). The result owns the texts
// its pages point to. One call, one thread (see report/pdf_renderer.h).
#pragma once

#include <memory>
#include <vector>

#include "report/pdf_canvas.h"
#include "report/report_document.h"

namespace fanzha::report::detail {

// A4 portrait (210 × 297 mm), in points.
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.890;

struct ComposedDocument {
  std::vector<std::unique_ptr<TextBox>> texts;  // what the pages' text operations draw
  std::vector<Page> pages;                      // at least one
};

// Shapes the text with `context` (set up for the target surface). Throws fanzha::Error
// (kInternal) when no installed font has Chinese glyphs.
ComposedDocument compose(PangoContext* context, const ReportDocument& document);

}  // namespace fanzha::report::detail
