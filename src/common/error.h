// The one error registry of fanzha and the exception that carries a code from it.
//
// Every error that ends a request or a command is an `Error` with an `ErrorCode`.
// The code decides the HTTP status (at the HTTP boundary) and the exit code (in the
// CLI); messages are for people (Chinese) and tests never compare them.
// Expected outcomes (a lookup that finds nothing, a rejected login) are values, not
// exceptions; `Error` is for outcomes that end the request.
#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace fanzha {

// X(enumerator, stable code string, HTTP status, CLI exit code)
#define FANZHA_ERROR_CODES(X)                                    \
  X(kInvalidJson, "invalid_json", 400, 3)                        \
  X(kInvalidType, "invalid_type", 400, 3)                        \
  X(kMissingField, "missing_field", 400, 3)                      \
  X(kUnknownField, "unknown_field", 400, 3)                      \
  X(kInvalidValue, "invalid_value", 400, 3)                      \
  X(kBadRequest, "bad_request", 400, 3)                          \
  X(kUnauthenticated, "unauthenticated", 401, 6)                 \
  X(kInvalidCredentials, "invalid_credentials", 401, 6)          \
  X(kCsrfFailed, "csrf_failed", 403, 6)                          \
  X(kForbidden, "forbidden", 403, 6)                             \
  X(kAccountDisabled, "account_disabled", 403, 6)                \
  X(kPasswordChangeRequired, "password_change_required", 403, 6) \
  X(kNotFound, "not_found", 404, 4)                              \
  X(kMethodNotAllowed, "method_not_allowed", 405, 3)             \
  X(kDuplicate, "duplicate", 409, 5)                             \
  X(kConflict, "conflict", 409, 5)                               \
  X(kOrgCycle, "org_cycle", 409, 5)                              \
  X(kOrgNotEmpty, "org_not_empty", 409, 5)                       \
  X(kOrgKindMismatch, "org_kind_mismatch", 409, 5)               \
  X(kOrgInactive, "org_inactive", 409, 5)                        \
  X(kPayloadTooLarge, "payload_too_large", 413, 3)               \
  X(kUnsupportedMediaType, "unsupported_media_type", 415, 3)     \
  X(kImportRejected, "import_rejected", 422, 7)                  \
  X(kRulesRejected, "rules_rejected", 422, 7)                    \
  X(kAccountLocked, "account_locked", 423, 6)                    \
  X(kRateLimited, "rate_limited", 429, 8)                        \
  X(kHeaderTooLarge, "header_too_large", 431, 3)                 \
  X(kInternal, "internal", 500, 1)

enum class ErrorCode {
#define FANZHA_ERROR_ENUM(name, code, status, exit_code) name,
  FANZHA_ERROR_CODES(FANZHA_ERROR_ENUM)
#undef FANZHA_ERROR_ENUM
};

// The stable string clients branch on, e.g. "not_found".
std::string_view error_code_name(ErrorCode code);
int error_http_status(ErrorCode code);
int error_exit_code(ErrorCode code);

// One problem in one line of an imported file.
struct ErrorDetail {
  int line = 0;
  std::string field;
  std::string message;
};

class Error : public std::exception {
 public:
  Error(ErrorCode code, std::string message, std::string field = {});

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const std::vector<ErrorDetail>& details() const { return details_; }
  Error& with_details(std::vector<ErrorDetail> details);

  const char* what() const noexcept override { return message_.c_str(); }

 private:
  ErrorCode code_;
  std::string message_;
  std::string field_;
  std::vector<ErrorDetail> details_;
};

}  // namespace fanzha
