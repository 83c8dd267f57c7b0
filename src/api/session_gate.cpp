#include "api/session_gate.h"

#include <sodium.h>

namespace fanzha::api {

service::SessionContext require_session(service::AuthService& auth, const http::Request& request,
                                        PasswordChange pending) {
  const auto token = request.cookie(kSessionCookie);
  auto session = token ? auth.authenticate(*token, request.client_addr) : std::nullopt;
  if (!session) {
    throw Error(ErrorCode::kUnauthenticated, "请先登录（会话不存在或已过期）");
  }
  if (http::is_write(request.method)) {
    const auto sent = request.header("x-csrf-token");
    const std::string& expected = session->csrf_token;
    if (!sent || sent->size() != expected.size() ||
        sodium_memcmp(sent->data(), expected.data(), expected.size()) != 0) {
      throw Error(ErrorCode::kCsrfFailed, "请求缺少有效的 X-CSRF-Token，请刷新页面后重试");
    }
  }
  if (pending == PasswordChange::kMustBeDone && session->actor.must_change_password) {
    throw Error(ErrorCode::kPasswordChangeRequired, "请先修改初始密码");
  }
  return std::move(*session);
}

std::string session_cookie(std::string_view token) {
  std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) +
                       "; Path=/; HttpOnly; SameSite=Strict";
  if (token.empty()) {
    cookie += "; Max-Age=0";
  }
  return cookie;
}

}  // namespace fanzha::api
