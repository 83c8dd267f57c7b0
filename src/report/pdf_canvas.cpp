#include "report/pdf_canvas.h"

#include "common/error.h"
#include "common/text.h"

namespace fanzha::report::detail {

namespace {

// The first family that fontconfig has wins; Pango still falls back per character.
constexpr const char* kFontFamilies = "WenQuanYi Zen Hei,Noto Sans CJK SC";
constexpr gunichar kSampleHan = 0x4E2D;  // 中
constexpr double kGridLineWidth = 0.6;

double to_points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }
int to_pango(double points) { return static_cast<int>(points * PANGO_SCALE); }

}  // namespace

FontPtr make_font(double points, bool bold) {
  FontPtr font(pango_font_description_new());
  pango_font_description_set_family(font.get(), kFontFamilies);
  // Absolute: in user-space units, which are points on a PDF surface, whatever the
  // context's resolution.
  pango_font_description_set_absolute_size(font.get(), points * PANGO_SCALE);
  // WenQuanYi Zen Hei has no bold face: fontconfig asks for synthetic emboldening, which
  // cairo embeds as outlines in a font of its own ("CairoFont-…" in pdffonts).
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return font;
}

void require_cjk_glyphs(PangoContext* context, const PangoFontDescription* font) {
  PangoFontset* fonts =
      pango_context_load_fontset(context, font, pango_context_get_language(context));
  PangoFont* han = fonts ? pango_fontset_get_font(fonts, kSampleHan) : nullptr;
  const bool found = han && pango_font_has_char(han, kSampleHan);
  if (han) {
    g_object_unref(han);
  }
  if (fonts) {
    g_object_unref(fonts);
  }
  if (!found) {
    throw Error(ErrorCode::kInternal, "no font with Chinese glyphs (install fonts-wqy-zenhei)");
  }
}

TextBox::TextBox(PangoContext* context, std::string_view text, const TextStyle& style)
    : layout_(pango_layout_new(context)), color_(style.color) {
  if (!is_valid_utf8(text)) {
    throw Error(ErrorCode::kInternal, "report text is not UTF-8");
  }
  PangoLayout* layout = layout_.get();
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  pango_layout_set_font_description(layout, style.font);
  pango_layout_set_alignment(layout, style.align);
  pango_layout_set_indent(layout, to_pango(style.first_line_indent));
  pango_layout_set_spacing(layout, to_pango(style.line_gap));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  measure();
}

void TextBox::wrap(double width) {
  pango_layout_set_width(layout_.get(), to_pango(width));
  measure();
}

void TextBox::measure() {
  PangoRectangle extents;
  pango_layout_get_extents(layout_.get(), nullptr, &extents);
  natural_width_ = to_points(extents.width);
  lines_.clear();
  PangoLayoutIter* iter = pango_layout_get_iter(layout_.get());
  do {
    PangoRectangle line;
    pango_layout_iter_get_line_extents(iter, nullptr, &line);
    lines_.push_back(Line{to_points(line.y), to_points(line.y + line.height),
                          to_points(pango_layout_iter_get_baseline(iter))});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
}

namespace {

void paint_text(cairo_t* cr, const Op& op) {
  const TextBox& text = *op.text;
  const double shift = op.y - text.lines()[op.first_line].top;
  cairo_set_source_rgb(cr, text.color().r, text.color().g, text.color().b);
  PangoLayoutIter* iter = pango_layout_get_iter(text.layout());
  size_t index = 0;
  do {
    if (index >= op.first_line) {
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
      // A line is drawn from its origin; its extents in the layout include the alignment
      // and indent offset, its own extents where the ink starts from that origin.
      PangoRectangle in_layout;
      PangoRectangle own;
      pango_layout_iter_get_line_extents(iter, nullptr, &in_layout);
      pango_layout_line_get_extents(line, nullptr, &own);
      cairo_move_to(cr, op.x + to_points(in_layout.x - own.x),
                    shift + text.lines()[index].baseline);
      pango_cairo_show_layout_line(cr, line);
    }
    ++index;
  } while (index < op.end_line && pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
}

}  // namespace

void paint_page(cairo_t* cr, const Page& page) {
  for (const Op& op : page) {
    switch (op.kind) {
      case Op::Kind::kFill:
        cairo_set_source_rgb(cr, op.color.r, op.color.g, op.color.b);
        cairo_rectangle(cr, op.x, op.y, op.width, op.height);
        cairo_fill(cr);
        break;
      case Op::Kind::kStroke:
        cairo_set_source_rgb(cr, op.color.r, op.color.g, op.color.b);
        cairo_set_line_width(cr, kGridLineWidth);
        cairo_rectangle(cr, op.x, op.y, op.width, op.height);
        cairo_stroke(cr);
        break;
      case Op::Kind::kText:
        paint_text(cr, op);
        break;
    }
  }
}

}  // namespace fanzha::report::detail
