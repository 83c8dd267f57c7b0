#include "common/error.h"

namespace fanzha {

namespace {

struct ErrorInfo {
  std::string_view name;
  int http_status;
  int exit_code;
};

constexpr ErrorInfo kErrorInfo[] = {
#define FANZHA_ERROR_INFO(name, code, status, exit_code) {code, status, exit_code},
    FANZHA_ERROR_CODES(FANZHA_ERROR_INFO)
#undef FANZHA_ERROR_INFO
};

const ErrorInfo& info(ErrorCode code) { return kErrorInfo[static_cast<size_t>(code)]; }

}  // namespace

std::string_view error_code_name(ErrorCode code) { return info(code).name; }
int error_http_status(ErrorCode code) { return info(code).http_status; }
int error_exit_code(ErrorCode code) { return info(code).exit_code; }

Error::Error(ErrorCode code, std::string message, std::string field)
    : code_(code), message_(std::move(message)), field_(std::move(field)) {}

Error& Error::with_details(std::vector<ErrorDetail> details) {
  details_ = std::move(details);
  return *this;
}

}  // namespace fanzha
