// Turns a request's cookie into a validated session, and refuses writes without the
// session's CSRF token. Every authenticated handler starts with `gate.require(request)`.
#pragma once

#include <string_view>

#include "http/message.h"
#include "service/auth_service.h"

namespace fanzha::api {

inline constexpr std::string_view kSessionCookie = "fanzha_session";

enum class PasswordChange { kMustBeDone, kMayBePending };

// The session of the request, or throws unauthenticated / csrf_failed /
// password_change_required.
service::SessionContext require_session(service::AuthService& auth, const http::Request& request,
                                        PasswordChange pending = PasswordChange::kMustBeDone);

// The Set-Cookie value that installs (or, with an empty token, clears) the session.
std::string session_cookie(std::string_view token);

}  // namespace fanzha::api
