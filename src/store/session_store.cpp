#include "store/session_store.h"

namespace fanzha::store {

void SessionStore::insert(const SessionRecord& r) {
  c_.prepare(
        "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at,"
        " client_addr) VALUES ($1, $2, $3, $4, $5, $6)")
      ->bind_all(r.token_hash, r.user_id, r.csrf_token, r.created_at, r.last_seen_at, r.client_addr)
      .run();
}

std::optional<SessionRecord> SessionStore::find(std::string_view token_hash) {
  auto s = c_.prepare(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, client_addr"
      " FROM user_session WHERE token_hash = $1");
  s->bind(1, token_hash);
  if (!s->step()) {
    return std::nullopt;
  }
  return SessionRecord{s->get_text(0), s->get_int(1), s->get_text(2),
                       s->get_int(3),  s->get_int(4), s->get_text(5)};
}

void SessionStore::touch(std::string_view token_hash, int64_t last_seen_at) {
  c_.prepare("UPDATE user_session SET last_seen_at = $1 WHERE token_hash = $2")
      ->bind_all(last_seen_at, token_hash)
      .run();
}

void SessionStore::remove(std::string_view token_hash) {
  c_.prepare("DELETE FROM user_session WHERE token_hash = $1")->bind(1, token_hash).run();
}

void SessionStore::remove_for_user(int64_t user_id, std::string_view keep_token_hash) {
  c_.prepare("DELETE FROM user_session WHERE user_id = $1 AND token_hash <> $2")
      ->bind_all(user_id, keep_token_hash)
      .run();
}

int64_t SessionStore::remove_idle(int64_t cutoff) {
  c_.prepare("DELETE FROM user_session WHERE last_seen_at < $1")->bind(1, cutoff).run();
  return c_.changes();
}

}  // namespace fanzha::store
