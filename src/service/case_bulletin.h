// The case bulletin (案件通报) of a unit for a week, half-month or any period: cases and
// loss per child unit against last year with ranks and the bottom three, the types, the
// units with cases among their own staff, the large cases and the back-trace shares,
// with a summary paragraph in the county's words. The same bulletin renders as JSON (the
// web's A4 page), as a PDF (report/pdf_renderer) and as an XLSX. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "report/report_document.h"
#include "service/case_service.h"
#include "service/case_stats_service.h"

namespace fanzha::service {

struct CaseBulletin {
  std::string title;   // "安澜县电信网络诈骗案件周通报"
  std::string issuer;  // "安澜县打击治理电信网络诈骗工作领导小组办公室"
  domain::DateNumber issued_on = 0;
  std::string summary;
  CaseStats stats;
  std::vector<domain::OrgUnit> bottom;  // the bottom three (ties included)
  std::vector<CaseView> large_cases;    // as the actor may see them
};

// The bulletin as a printable document (tables of formatted figures).
report::ReportDocument case_bulletin_document(const CaseBulletin& bulletin);

class CaseBulletinService {
 public:
  CaseBulletinService(ServiceContext context, CaseStatsService& stats, CaseService& cases)
      : ctx_(context), stats_(stats), cases_(cases) {}

  CaseBulletin bulletin(const Actor& actor, const CaseStatsQuery& query);
  // The PDF file's bytes.
  std::string pdf(const CaseBulletin& bulletin) const;
  // A temporary XLSX under the files folder, which the caller sends and removes.
  std::string xlsx(const CaseBulletin& bulletin) const;

 private:
  ServiceContext ctx_;
  CaseStatsService& stats_;
  CaseService& cases_;
};

}  // namespace fanzha::service
