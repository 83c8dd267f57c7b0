-- Fraud cases (issue 6): the registry, the suspect accounts (sealed like other personal
-- numbers), the back-trace frozen at registration, the victim ledger and its follow-up
-- visits, the rectification plans of large cases and the "two drops" targets.

CREATE TABLE fraud_case (
  id               INTEGER PRIMARY KEY,
  case_number      TEXT    NOT NULL UNIQUE,  -- normalised police case number
  reported_at      INTEGER NOT NULL,         -- epoch ms
  occurred_at      INTEGER NOT NULL,         -- epoch ms
  occurred_day     INTEGER NOT NULL,         -- yyyymmdd in the county (UTC+8), for periods
  org_unit_id      INTEGER NOT NULL REFERENCES org_unit(id),  -- where
  victim_person_id INTEGER REFERENCES person(id),
  victim_name      TEXT    NOT NULL DEFAULT '',  -- when the victim is not a person in fanzha
  victim_age       INTEGER,
  victim_sex       TEXT    NOT NULL DEFAULT '',
  victim_group     TEXT    NOT NULL,
  -- The unit or class the victim works or studies at (their school or unit sees the
  -- case), and whether the victim is staff there: a case inside the system (系统内部发案).
  victim_unit_id   INTEGER REFERENCES org_unit(id),
  inside_system    INTEGER NOT NULL DEFAULT 0,
  fraud_type       TEXT    NOT NULL,
  channel          TEXT    NOT NULL,
  loss_fen         INTEGER NOT NULL,
  stopped_fen      INTEGER NOT NULL DEFAULT 0,
  returned_fen     INTEGER NOT NULL DEFAULT 0,
  status           TEXT    NOT NULL,
  notes            TEXT    NOT NULL DEFAULT '',
  -- The back-trace as of registration (domain::back_trace_bits), never recomputed.
  trace_bits       INTEGER NOT NULL,
  trace_last_visit INTEGER,
  created_by       INTEGER REFERENCES app_user(id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX fraud_case_unit ON fraud_case(org_unit_id, occurred_day);
CREATE INDEX fraud_case_day ON fraud_case(occurred_day);
CREATE INDEX fraud_case_updated ON fraud_case(updated_at);  -- the case index appends changes
CREATE INDEX fraud_case_victim_unit ON fraud_case(victim_unit_id) WHERE victim_unit_id IS NOT NULL;
CREATE INDEX fraud_case_person ON fraud_case(victim_person_id) WHERE victim_person_id IS NOT NULL;

CREATE TABLE case_account (
  case_id        INTEGER NOT NULL REFERENCES fraud_case(id),
  seq            INTEGER NOT NULL,
  kind           TEXT    NOT NULL,
  number_cipher  BLOB    NOT NULL,  -- PiiCipher::encrypt of the account number
  number_hash    BLOB    NOT NULL,  -- PiiCipher::lookup_hash("account", number)
  number_masked  TEXT    NOT NULL,
  holder         TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_account_hash ON case_account(number_hash);

-- 工作台账: one per case (its victim).
CREATE TABLE victim_ledger (
  case_id       INTEGER PRIMARY KEY REFERENCES fraud_case(id),
  account       TEXT    NOT NULL DEFAULT '',  -- what happened, in short
  family        TEXT    NOT NULL DEFAULT '',
  money_source  TEXT    NOT NULL DEFAULT '',  -- savings, loan, borrowed, company_funds, other
  plan          TEXT    NOT NULL DEFAULT '',  -- 一人一策
  updated_at    INTEGER NOT NULL
);

CREATE TABLE victim_followup (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES fraud_case(id),
  visited_at    INTEGER NOT NULL,
  visitor_name  TEXT    NOT NULL,
  support       INTEGER NOT NULL DEFAULT 0,  -- psychological support given
  outcome       TEXT    NOT NULL DEFAULT '',
  created_by    INTEGER REFERENCES app_user(id),
  created_at    INTEGER NOT NULL
);
CREATE INDEX victim_followup_case ON victim_followup(case_id, visited_at);

-- 整改计划 of a large case: opened when the case is registered at or above the threshold.
CREATE TABLE case_rectification (
  case_id              INTEGER PRIMARY KEY REFERENCES fraud_case(id),
  responsible_unit_id  INTEGER NOT NULL REFERENCES org_unit(id),
  checklist            TEXT    NOT NULL,  -- JSON [{"item":…, "done":bool}]
  plan                 TEXT    NOT NULL DEFAULT '',
  due_day              INTEGER NOT NULL,  -- yyyymmdd
  status               TEXT    NOT NULL,  -- open, in_progress, done
  updated_at           INTEGER NOT NULL
);

CREATE TABLE case_target (
  id                  INTEGER PRIMARY KEY,
  org_unit_id         INTEGER NOT NULL REFERENCES org_unit(id),
  period_kind         TEXT    NOT NULL,
  first_day           INTEGER NOT NULL,  -- yyyymmdd
  last_day            INTEGER NOT NULL,
  measure             TEXT    NOT NULL,  -- cases, loss
  scope               TEXT    NOT NULL,  -- all_types, high_incidence
  reduction_permille  INTEGER NOT NULL,
  created_at          INTEGER NOT NULL
);
CREATE INDEX case_target_unit ON case_target(org_unit_id);

-- Every case write bumps it, so the in-memory case index knows to reload.
INSERT INTO change_counter (name, version) VALUES ('cases', 1);
