// Writes a ReportDocument as a one-sheet XLSX workbook ("通报") for people who rework the
// figures: the title and subtitle on top, each heading and paragraph on a row of its own
// (paragraphs wrapped across the table columns), each table under its caption with a
// bold shaded header, ruled cells and highlighted rows on light red, then the issuer and
// the date. A cell that is a plain number (an integer or a decimal, at most 15 digits, no
// leading zero) is written as a number; anything else, "12.5%" included, stays text.
//
// Written with libxlsxwriter directly, not tabular::XlsxWriter: that writer is built for
// exports (text-only cells, one bold header row). Throws fanzha::Error (kInternal) when the
// file cannot be written. Each call owns its workbook: safe on several threads at once
// for different paths.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "report/report_document.h"

namespace fanzha::report {

void write_report_xlsx(const ReportDocument& document, const std::string& path);

// The value of `cell` when it is written as a number (see above); exposed for tests.
std::optional<double> cell_number(std::string_view cell);

}  // namespace fanzha::report
