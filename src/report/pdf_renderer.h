// Renders a ReportDocument as an A4 portrait PDF (cairo + Pango) for printing: centred
// title and subtitle, wrapped paragraphs, ruled tables (shaded header repeated after a
// page break, right-aligned numeric columns, highlighted rows on light red), the issuer
// and date right-aligned at the end and "第 N 页 / 共 M 页" at the foot of every page.
//
// Text is set in "WenQuanYi Zen Hei" (Debian package fonts-wqy-zenhei), falling back to
// "Noto Sans CJK SC"; the glyphs used are embedded, so the file prints anywhere. Throws
// fanzha::Error (kInternal) when no installed font has Chinese glyphs or cairo fails.
//
// Thread-safety: render_pdf() may run on several threads at once. Each call owns its
// surface, context and layouts; fonts come from the calling thread's default PangoCairo
// font map (per thread since Pango 1.32.6, freed when the thread exits, never for the main
// thread). Fontconfig's configuration and cache are process-wide: loaded on the first
// call (by a "[pango] FcInit" thread Pango starts; that call is the slow one) and kept for
// the life of the process, never freed with FcFini(). LeakSanitizer therefore reports
// about 120 KB allocated inside libfontconfig, the same after 1 render or 100; suppress
// it with `leak:libfontconfig.so`. ThreadSanitizer flags races inside glib, fontconfig
// and Pango, whose futex-based locks it cannot see.
#pragma once

#include <string>

#include "report/report_document.h"

namespace fanzha::report {

// The PDF file's bytes; the caller owns them.
std::string render_pdf(const ReportDocument& document);

}  // namespace fanzha::report
