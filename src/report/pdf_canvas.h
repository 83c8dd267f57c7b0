// Private to report/: the pieces pdf_renderer lays pages out with. Text is shaped by Pango
// into TextBoxes first and pages are kept as lists of drawing operations, so the page
// count is known before anything is painted (for "共 M 页"). All lengths are in PDF
// points, y growing downwards. Objects belong to one render on one thread.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string_view>
#include <vector>

namespace fanzha::report::detail {

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
struct FontDescriptionFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

struct Rgb {
  double r = 0, g = 0, b = 0;
};

// A font in the report's CJK family; `points` is the size in PDF points.
FontPtr make_font(double points, bool bold);

// Throws fanzha::Error (kInternal) when no font Pango finds for `font` has Chinese glyphs
// (the text would print as empty boxes).
void require_cjk_glyphs(PangoContext* context, const PangoFontDescription* font);

struct TextStyle {
  const PangoFontDescription* font = nullptr;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  double first_line_indent = 0;
  double line_gap = 0;  // extra space between lines
  // No justification: Pango would only stretch the spaces around Latin words.
  Rgb color;
};

// One laid-out text and the positions of its lines, relative to the text's top.
class TextBox {
 public:
  struct Line {
    double top = 0, bottom = 0, baseline = 0;
  };

  TextBox(PangoContext* context, std::string_view text, const TextStyle& style);

  // Wraps the text at `width` (words, or characters where a word does not fit).
  void wrap(double width);
  // The width of the widest line as it stands (before wrap(): the text unwrapped).
  double natural_width() const { return natural_width_; }
  double height() const { return lines_.empty() ? 0 : lines_.back().bottom; }
  const std::vector<Line>& lines() const { return lines_; }
  PangoLayout* layout() const { return layout_.get(); }
  const Rgb& color() const { return color_; }

 private:
  void measure();

  std::unique_ptr<PangoLayout, GObjectUnref> layout_;
  std::vector<Line> lines_;
  double natural_width_ = 0;
  Rgb color_;
};

// One drawing operation. Text draws lines [first_line, end_line) of `text` with the top
// of the first one at y; rectangles are filled with, or outlined in, `color`.
struct Op {
  enum class Kind { kFill, kStroke, kText } kind = Kind::kFill;
  double x = 0, y = 0, width = 0, height = 0;
  Rgb color;
  const TextBox* text = nullptr;
  size_t first_line = 0, end_line = 0;
};

using Page = std::vector<Op>;

// Paints `page` onto `cr`; the caller shows the page.
void paint_page(cairo_t* cr, const Page& page);

}  // namespace fanzha::report::detail
