#include "report/pdf_renderer.h"

#include <cairo-pdf.h>

#include <memory>

#include "common/error.h"
#include "report/pdf_composer.h"

namespace fanzha::report {

namespace {

// cairo's stream callback: appends to the std::string passed as closure.
cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {  // an exception must not unwind through cairo's C frames
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw Error(ErrorCode::kInternal,
                std::string("cannot render the PDF: ") + cairo_status_to_string(status));
  }
}

struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

}  // namespace

std::string render_pdf(const ReportDocument& document) {
  std::string bytes;  // outlives the surface, which may still write when destroyed
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(cairo_pdf_surface_create_for_stream(
      append_bytes, &bytes, detail::kPageWidth, detail::kPageHeight));
  check(cairo_surface_status(surface.get()));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, document.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "fanzha");
  std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
  check(cairo_status(cr.get()));
  std::unique_ptr<PangoContext, detail::GObjectUnref> context(pango_cairo_create_context(cr.get()));
  pango_context_set_language(context.get(), pango_language_from_string("zh-cn"));
  const detail::ComposedDocument composed = detail::compose(context.get(), document);
  for (const detail::Page& page : composed.pages) {
    detail::paint_page(cr.get(), page);
    cairo_show_page(cr.get());
  }
  check(cairo_status(cr.get()));
  cr.reset();
  cairo_surface_finish(surface.get());
  check(cairo_surface_status(surface.get()));
  return bytes;
}

}  // namespace fanzha::report
