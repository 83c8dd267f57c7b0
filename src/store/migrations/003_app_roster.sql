-- The anti-fraud app roster: observations of each person's app status, weekly roster
-- submissions, targets, spot checks, promotion codes and settings.

-- A unit's (village, community, unit or class) weekly roster.
CREATE TABLE roster_submission (
  id                INTEGER PRIMARY KEY,
  org_unit_id       INTEGER NOT NULL REFERENCES org_unit(id),
  week              INTEGER NOT NULL,  -- Monday of the week, yyyymmdd (county time)
  submitted_at      INTEGER NOT NULL,
  late              INTEGER NOT NULL,  -- after the week's deadline
  user_id           INTEGER REFERENCES app_user(id),
  username          TEXT    NOT NULL,
  import_job_id     INTEGER REFERENCES import_job(id),
  rows              INTEGER NOT NULL,
  installed         INTEGER NOT NULL,  -- people the roster lists as installed
  registered        INTEGER NOT NULL,
  alerts_on         INTEGER NOT NULL,
  newly_installed   INTEGER NOT NULL,  -- not installed before this roster
  newly_registered  INTEGER NOT NULL,
  dropped           INTEGER NOT NULL   -- installed before, not any more
);
CREATE INDEX roster_submission_unit ON roster_submission(org_unit_id, week);
CREATE INDEX roster_submission_week ON roster_submission(week);
CREATE INDEX roster_submission_job ON roster_submission(import_job_id);

-- Every observation of one fact about one person; the status on a day is the latest
-- observation of each fact up to that day.
CREATE TABLE app_fact (
  id               INTEGER PRIMARY KEY,
  person_id        INTEGER NOT NULL REFERENCES person(id),
  fact             TEXT    NOT NULL,  -- installed | registered | alerts_on
  value            INTEGER NOT NULL,  -- 1 yes, 0 no
  observed_at      INTEGER NOT NULL,  -- epoch ms
  method           TEXT    NOT NULL,  -- self_report | in_person | weekly_roster | police_data | spot_check
  recorded_by      INTEGER REFERENCES app_user(id),
  recorder_name    TEXT    NOT NULL,
  submission_id    INTEGER REFERENCES roster_submission(id),
  promoter_user_id INTEGER REFERENCES app_user(id),  -- 一人一码: who brought the registration
  created_at       INTEGER NOT NULL
);
CREATE INDEX app_fact_person ON app_fact(person_id, fact, observed_at);
CREATE INDEX app_fact_promoter ON app_fact(promoter_user_id) WHERE promoter_user_id IS NOT NULL;

CREATE TABLE app_target (
  id            INTEGER PRIMARY KEY,
  org_unit_id   INTEGER NOT NULL REFERENCES org_unit(id),  -- applies to its whole subtree
  population    TEXT    NOT NULL,  -- age_16_60 | staff | students
  fact          TEXT    NOT NULL,  -- installed | registered | alerts_on
  rate_permille INTEGER NOT NULL,
  due_on        INTEGER NOT NULL,  -- yyyymmdd
  note          TEXT    NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);
CREATE INDEX app_target_unit ON app_target(org_unit_id);

CREATE TABLE spot_check_plan (
  id            INTEGER PRIMARY KEY,
  org_unit_id   INTEGER NOT NULL REFERENCES org_unit(id),  -- whose villages are sampled
  name          TEXT    NOT NULL,
  seed          INTEGER NOT NULL,
  per_stratum   INTEGER NOT NULL,
  drawn_at      INTEGER NOT NULL,  -- the roster entries as of this instant were the population
  created_by    INTEGER REFERENCES app_user(id),
  closed        INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE spot_check_item (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES spot_check_plan(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  stratum_id    INTEGER NOT NULL REFERENCES org_unit(id),  -- the village the entry came from
  assigned_to   INTEGER REFERENCES app_user(id),
  outcome       TEXT,             -- null until called
  called_at     INTEGER,
  caller_id     INTEGER REFERENCES app_user(id),
  notes         TEXT NOT NULL DEFAULT '',
  flagged       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX spot_check_item_plan ON spot_check_item(plan_id, stratum_id);
CREATE INDEX spot_check_item_caller ON spot_check_item(assigned_to, plan_id);
CREATE INDEX spot_check_item_stratum ON spot_check_item(stratum_id, outcome);

-- 一人一码: each user's promotion code.
CREATE TABLE promotion_code (
  code     TEXT    PRIMARY KEY,
  user_id  INTEGER NOT NULL UNIQUE REFERENCES app_user(id)
);

-- County-wide settings (the roster deadline, the alerts lapse window, …).
CREATE TABLE setting (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

-- Bumped by writes that change app figures, so that caches know to reload: 'app' by
-- every one (app_fact rows are only ever appended), 'app_people' also by those that
-- change people or settings (a full reload).
CREATE TABLE change_counter (
  name     TEXT    PRIMARY KEY,
  version  INTEGER NOT NULL
);
INSERT INTO change_counter (name, version) VALUES ('app', 1), ('app_people', 1);
