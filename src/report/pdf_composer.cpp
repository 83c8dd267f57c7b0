#include "report/pdf_composer.h"

#include <algorithm>
#include <numeric>
#include <string>

namespace fanzha::report::detail {

namespace {

// 2 cm margins; the page number sits in the bottom margin.
constexpr double kMargin = 56.693;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kContentBottom = kPageHeight - kMargin;
constexpr double kFooterTop = kContentBottom + 18;

constexpr double kTitleSize = 20;
constexpr double kSubtitleSize = 13;
constexpr double kHeadingSize = 14;
constexpr double kBodySize = 12;
constexpr double kCellSize = 10;
constexpr double kFooterSize = 9;

constexpr double kBodyLineGap = 6;   // about 1.5 line spacing
constexpr double kTitleGap = 8;      // title → subtitle → rule
constexpr double kRuleHeight = 1.5;  // the red rule under the title block
constexpr double kAfterTitle = 20;
constexpr double kBeforeHeading = 8;
constexpr double kAfterHeading = 6;
// Room for two body lines (a line is about 1.2 × the font size) under a heading.
constexpr double kKeepWithHeading = 2 * (kBodySize * 1.2 + kBodyLineGap);
constexpr double kAfterBlock = 10;  // after a paragraph or a table
constexpr double kAfterCaption = 4;
constexpr double kBeforeSignature = 28;
constexpr double kCellPadX = 4;
constexpr double kCellPadY = 3;
constexpr double kMinColumn = 2 * kCellSize + 2 * kCellPadX;  // two characters

constexpr Rgb kBlack{0, 0, 0};
constexpr Rgb kRed{0.75, 0.05, 0.05};
constexpr Rgb kHeaderShade{0.86, 0.86, 0.86};
constexpr Rgb kHighlight{1.0, 0.85, 0.85};
constexpr Rgb kGrid{0.2, 0.2, 0.2};

struct Fonts {
  FontPtr title = make_font(kTitleSize, true);
  FontPtr subtitle = make_font(kSubtitleSize, false);
  FontPtr heading = make_font(kHeadingSize, true);
  FontPtr body = make_font(kBodySize, false);
  FontPtr caption = make_font(kBodySize, true);
  FontPtr cell = make_font(kCellSize, false);
  FontPtr header_cell = make_font(kCellSize, true);
  FontPtr footer = make_font(kFooterSize, false);
};

// Column widths filling `available`: natural widths grown in proportion when they fit;
// otherwise narrow columns keep theirs and the wide ones share what is left equally
// (their text then wraps).
std::vector<double> fit_columns(std::vector<double> natural, double available) {
  const double total = std::accumulate(natural.begin(), natural.end(), 0.0);
  if (total <= available) {
    for (double& width : natural) {
      width += (available - total) * width / total;
    }
    return natural;
  }
  std::vector<bool> fixed(natural.size(), false);
  double left = available;
  size_t open = natural.size();
  for (bool changed = true; changed && open > 0;) {
    changed = false;
    const double share = left / static_cast<double>(open);
    for (size_t c = 0; c < natural.size(); ++c) {
      if (!fixed[c] && natural[c] <= share) {
        fixed[c] = true;
        left -= natural[c];
        --open;
        changed = true;
      }
    }
  }
  for (size_t c = 0; c < natural.size(); ++c) {
    if (!fixed[c]) {
      natural[c] = left / static_cast<double>(open);
    }
  }
  return natural;
}

// Lays the document out page by page as drawing operations.
class Composer {
 public:
  explicit Composer(PangoContext* context) : context_(context) {
    require_cjk_glyphs(context_, fonts_.body.get());
    new_page();
  }

  ComposedDocument compose(const ReportDocument& document) {
    title_block(document);
    for (const ReportBlock& block : document.blocks) {
      switch (block.kind) {
        case ReportBlock::Kind::kHeading:
          heading(block.text);
          break;
        case ReportBlock::Kind::kParagraph:
          paragraph(block.text);
          break;
        case ReportBlock::Kind::kTable:
          table(block.table);
          break;
      }
    }
    signature(document);
    footers();
    return ComposedDocument{std::move(boxes_), std::move(pages_)};
  }

 private:
  using Row = std::vector<TextBox*>;

  TextBox& text(std::string_view content, const TextStyle& style, double width = -1) {
    boxes_.push_back(std::make_unique<TextBox>(context_, content, style));
    if (width > 0) {
      boxes_.back()->wrap(width);
    }
    return *boxes_.back();
  }

  void new_page() {
    pages_.emplace_back();
    y_ = kMargin;
  }
  double room() const { return kContentBottom - y_; }
  bool at_top() const { return y_ <= kMargin; }
  // Starts a new page unless `height` still fits (or the page is empty anyway).
  void keep(double height) {
    if (height > room() && !at_top()) {
      new_page();
    }
  }
  void place(const TextBox& box, double x, double y) {
    pages_.back().push_back(Op{Op::Kind::kText, x, y, 0, 0, {}, &box, 0, box.lines().size()});
  }
  void rect(Op::Kind kind, double x, double y, double width, double height, Rgb color) {
    pages_.back().push_back(Op{kind, x, y, width, height, color, nullptr, 0, 0});
  }

  // Places `box` line by line, carrying the lines that do not fit to the next page.
  void flow(const TextBox& box, double x) {
    const std::vector<TextBox::Line>& lines = box.lines();
    size_t first = 0;
    while (first < lines.size()) {
      size_t end = first;
      while (end < lines.size() && lines[end].bottom - lines[first].top <= room()) {
        ++end;
      }
      if (end == first) {
        if (!at_top()) {
          new_page();
          continue;
        }
        end = first + 1;  // a line taller than a page: let it overflow rather than loop
      }
      pages_.back().push_back(Op{Op::Kind::kText, x, y_, 0, 0, {}, &box, first, end});
      y_ += lines[end - 1].bottom - lines[first].top;
      first = end;
      if (first < lines.size()) {
        new_page();
      }
    }
  }

  void title_block(const ReportDocument& document) {
    if (!document.title.empty()) {
      const TextBox& title =
          text(document.title, {fonts_.title.get(), PANGO_ALIGN_CENTER, 0, 4, kRed}, kContentWidth);
      place(title, kMargin, y_);
      y_ += title.height() + kTitleGap;
    }
    if (!document.subtitle.empty()) {
      const TextBox& subtitle =
          text(document.subtitle, {fonts_.subtitle.get(), PANGO_ALIGN_CENTER, 0, 0, kBlack},
               kContentWidth);
      place(subtitle, kMargin, y_);
      y_ += subtitle.height() + kTitleGap;
    }
    if (!at_top()) {
      rect(Op::Kind::kFill, kMargin, y_, kContentWidth, kRuleHeight, kRed);
      y_ += kRuleHeight + kAfterTitle;
    }
  }

  void heading(const std::string& content) {
    const TextBox& box =
        text(content, {fonts_.heading.get(), PANGO_ALIGN_LEFT, 0, 2, kBlack}, kContentWidth);
    if (!at_top()) {
      y_ += kBeforeHeading;
    }
    keep(box.height() + kAfterHeading + kKeepWithHeading);  // not alone at a page's foot
    flow(box, kMargin);
    y_ += kAfterHeading;
  }

  // Not justified: Pango would only stretch the spaces around Latin words and numbers.
  void paragraph(const std::string& content) {
    const TextBox& box =
        text(content, {fonts_.body.get(), PANGO_ALIGN_LEFT, 2 * kBodySize, kBodyLineGap, kBlack},
             kContentWidth);
    flow(box, kMargin);
    y_ += kAfterBlock;
  }

  Row cells(const std::vector<std::string>& texts, size_t columns, bool header,
            const std::vector<bool>& numeric) {
    Row row;
    for (size_t c = 0; c < columns; ++c) {
      const bool right = !header && c < numeric.size() && numeric[c];
      const PangoAlignment align =
          header ? PANGO_ALIGN_CENTER : (right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      const PangoFontDescription* font = header ? fonts_.header_cell.get() : fonts_.cell.get();
      const std::string_view content =
          c < texts.size() ? std::string_view(texts[c]) : std::string_view();
      row.push_back(&text(content, {font, align, 0, 0, kBlack}));
    }
    return row;
  }

  static double row_height(const Row& row) {
    double height = 0;
    for (const TextBox* cell : row) {
      height = std::max(height, cell->height());
    }
    return height + 2 * kCellPadY;
  }

  void draw_row(const Row& row, const std::vector<double>& widths, const Rgb* shade) {
    const double height = row_height(row);
    if (shade) {
      rect(Op::Kind::kFill, kMargin, y_, kContentWidth, height, *shade);
    }
    double x = kMargin;
    for (size_t c = 0; c < row.size(); ++c) {
      rect(Op::Kind::kStroke, x, y_, widths[c], height, kGrid);
      place(*row[c], x + kCellPadX, y_ + (height - row[c]->height()) / 2);
      x += widths[c];
    }
    y_ += height;
  }

  void table(const ReportTable& table) {
    size_t columns = table.header.size();
    for (const std::vector<std::string>& row : table.rows) {
      columns = std::max(columns, row.size());
    }
    if (columns == 0) {
      return;
    }
    // grid[0] is the header, grid[r + 1] the table's row r.
    std::vector<Row> grid{cells(table.header, columns, true, table.numeric)};
    for (const std::vector<std::string>& row : table.rows) {
      grid.push_back(cells(row, columns, false, table.numeric));
    }
    std::vector<double> natural(columns, kMinColumn);
    for (const Row& row : grid) {
      for (size_t c = 0; c < columns; ++c) {
        natural[c] = std::max(natural[c], row[c]->natural_width() + 2 * kCellPadX);
      }
    }
    const std::vector<double> widths = fit_columns(std::move(natural), kContentWidth);
    for (Row& row : grid) {
      for (size_t c = 0; c < columns; ++c) {
        row[c]->wrap(widths[c] - 2 * kCellPadX);
      }
    }
    const TextBox* caption = nullptr;
    double caption_height = 0;
    if (!table.caption.empty()) {
      caption = &text(table.caption, {fonts_.caption.get(), PANGO_ALIGN_CENTER, 0, 0, kBlack},
                      kContentWidth);
      caption_height = caption->height() + kAfterCaption;
    }
    // The caption stays with the header and the first row.
    keep(caption_height + row_height(grid[0]) + (grid.size() > 1 ? row_height(grid[1]) : 0));
    if (caption) {
      place(*caption, kMargin, y_);
      y_ += caption_height;
    }
    std::vector<bool> highlighted(grid.size(), false);
    for (const size_t index : table.highlight_rows) {
      if (index < table.rows.size()) {
        highlighted[index + 1] = true;
      }
    }
    draw_row(grid[0], widths, &kHeaderShade);
    for (size_t r = 1; r < grid.size(); ++r) {
      if (row_height(grid[r]) > room()) {
        new_page();
        draw_row(grid[0], widths, &kHeaderShade);
      }
      draw_row(grid[r], widths, highlighted[r] ? &kHighlight : nullptr);
    }
    y_ += kAfterBlock;
  }

  void signature(const ReportDocument& document) {
    const TextStyle style{fonts_.body.get(), PANGO_ALIGN_RIGHT, 0, 0, kBlack};
    std::vector<const TextBox*> lines;
    double height = 0;
    for (const std::string* line : {&document.issuer, &document.issued_on}) {
      if (!line->empty()) {
        lines.push_back(&text(*line, style, kContentWidth));
        height += lines.back()->height() + kBodyLineGap;
      }
    }
    if (lines.empty()) {
      return;
    }
    y_ += kBeforeSignature;
    keep(height);
    for (const TextBox* line : lines) {
      place(*line, kMargin, y_);
      y_ += line->height() + kBodyLineGap;
    }
  }

  void footers() {
    const TextStyle style{fonts_.footer.get(), PANGO_ALIGN_CENTER, 0, 0, kBlack};
    const std::string total = std::to_string(pages_.size());
    for (size_t page = 0; page < pages_.size(); ++page) {
      const std::string label = "第 " + std::to_string(page + 1) + " 页 / 共 " + total + " 页";
      const TextBox& box = text(label, style, kContentWidth);
      pages_[page].push_back(
          Op{Op::Kind::kText, kMargin, kFooterTop, 0, 0, {}, &box, 0, box.lines().size()});
    }
  }

  PangoContext* context_;
  Fonts fonts_;
  std::vector<std::unique_ptr<TextBox>> boxes_;
  std::vector<Page> pages_;
  double y_ = 0;
};

}  // namespace

ComposedDocument compose(PangoContext* context, const ReportDocument& document) {
  return Composer(context).compose(document);
}

}  // namespace fanzha::report::detail
