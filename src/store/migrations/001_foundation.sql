-- Foundation: org tree, users, sessions, audit log.
-- Portable SQL: integer keys, epoch-ms times, text for keys of enums.

CREATE TABLE org_unit (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES org_unit(id),
  code        TEXT    NOT NULL UNIQUE,
  name        TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  path        TEXT    NOT NULL UNIQUE,  -- materialized path "/root/…/id/"
  depth       INTEGER NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX org_unit_parent ON org_unit(parent_id, code);
CREATE INDEX org_unit_kind_path ON org_unit(kind, path);

CREATE TABLE app_user (
  id                   INTEGER PRIMARY KEY,
  username             TEXT    NOT NULL UNIQUE,
  display_name         TEXT    NOT NULL,
  role                 TEXT    NOT NULL,
  org_unit_id          INTEGER NOT NULL REFERENCES org_unit(id),
  password_hash        TEXT    NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  active               INTEGER NOT NULL DEFAULT 1,
  failed_logins        INTEGER NOT NULL DEFAULT 0,
  locked_until         INTEGER,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);
CREATE INDEX app_user_org_unit ON app_user(org_unit_id);

CREATE TABLE user_session (
  token_hash    TEXT    PRIMARY KEY,  -- BLAKE2b of the cookie token, never the token
  user_id       INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  client_addr   TEXT    NOT NULL
);
CREATE INDEX user_session_user ON user_session(user_id);

-- Append-only. scope_path is the materialized path of the org unit the entry belongs to
-- at the time it was written ("/" for events outside any unit, such as a failed login
-- with an unknown username); admins read the entries under their own scope.
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  user_id      INTEGER,
  username     TEXT    NOT NULL,
  action       TEXT    NOT NULL,
  entity_type  TEXT    NOT NULL,
  entity_id    TEXT    NOT NULL,
  scope_path   TEXT    NOT NULL,
  summary      TEXT    NOT NULL,  -- JSON: {"before":…,"after":…} or details
  client_addr  TEXT    NOT NULL,
  outcome      TEXT    NOT NULL   -- "ok" or the error code of a refused attempt
);
CREATE INDEX audit_log_scope ON audit_log(scope_path, id);
CREATE INDEX audit_log_at ON audit_log(at);
