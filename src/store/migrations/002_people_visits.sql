-- Households, people (ID numbers and phones only encrypted + keyed hash + masked),
-- campaigns, visits, the per-household campaign status and the counters coverage
-- figures are summed from, and roster import jobs.

CREATE TABLE household (
  id               INTEGER PRIMARY KEY,
  org_unit_id      INTEGER NOT NULL REFERENCES org_unit(id),
  village_unit_id  INTEGER NOT NULL REFERENCES org_unit(id),  -- household numbers are unique per village
  number           TEXT    NOT NULL,
  address          TEXT    NOT NULL DEFAULT '',
  member_count     INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (village_unit_id, number)
);
CREATE INDEX household_org_unit ON household(org_unit_id, number);

CREATE TABLE person (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES household(id),
  org_unit_id   INTEGER NOT NULL REFERENCES org_unit(id),  -- the household's unit, for scoped lists
  name          TEXT    NOT NULL,
  id_cipher     BLOB,              -- PiiCipher::encrypt of the 18-character number
  id_hash       BLOB UNIQUE,       -- PiiCipher::lookup_hash("id", number)
  id_masked     TEXT    NOT NULL DEFAULT '',
  phone_cipher  BLOB,
  phone_hash    BLOB,
  phone_masked  TEXT    NOT NULL DEFAULT '',
  sex           TEXT    NOT NULL DEFAULT '',
  birth_date    INTEGER NOT NULL DEFAULT 0,  -- yyyymmdd, 0 when unknown
  relation      TEXT    NOT NULL DEFAULT '',
  address       TEXT    NOT NULL DEFAULT '',
  tags          INTEGER NOT NULL DEFAULT 0,  -- PersonTag bit set
  notes         TEXT    NOT NULL DEFAULT '',
  link_unit_id  INTEGER REFERENCES org_unit(id),
  link_role     TEXT    NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX person_household ON person(household_id);
CREATE INDEX person_org_unit ON person(org_unit_id, name);
CREATE INDEX person_link_unit ON person(link_unit_id) WHERE link_unit_id IS NOT NULL;
CREATE INDEX person_phone_hash ON person(phone_hash) WHERE phone_hash IS NOT NULL;

-- Households and people per unit (the unit itself only), kept by every write.
CREATE TABLE unit_population (
  org_unit_id  INTEGER PRIMARY KEY REFERENCES org_unit(id),
  households   INTEGER NOT NULL DEFAULT 0,
  people       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE campaign (
  id           INTEGER PRIMARY KEY,
  org_unit_id  INTEGER NOT NULL REFERENCES org_unit(id),  -- whose campaign (its subtree takes part)
  name         TEXT    NOT NULL,
  starts_at    INTEGER NOT NULL,   -- epoch ms, county midnight
  ends_at      INTEGER NOT NULL,   -- exclusive
  deadlines    TEXT    NOT NULL DEFAULT '{}',  -- JSON {"visits": epoch ms, …}
  active       INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

CREATE TABLE visit (
  id               INTEGER PRIMARY KEY,
  campaign_id      INTEGER NOT NULL REFERENCES campaign(id),
  household_id     INTEGER NOT NULL REFERENCES household(id),
  org_unit_id      INTEGER NOT NULL REFERENCES org_unit(id),  -- the household's unit at the visit
  visited_at       INTEGER NOT NULL,
  visitor_user_id  INTEGER REFERENCES app_user(id),
  visitor_name     TEXT    NOT NULL,
  face_to_face     INTEGER NOT NULL,
  topics           INTEGER NOT NULL DEFAULT 0,  -- FraudType bit set
  materials        INTEGER NOT NULL DEFAULT 0,  -- VisitMaterial bit set
  letter_signed    INTEGER NOT NULL DEFAULT 0,
  notes            TEXT    NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL
);
CREATE INDEX visit_household ON visit(household_id, campaign_id);
CREATE INDEX visit_campaign_unit ON visit(campaign_id, org_unit_id);

CREATE TABLE visit_member (
  visit_id   INTEGER NOT NULL REFERENCES visit(id),
  person_id  INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (visit_id, person_id)
);

CREATE TABLE visit_photo (
  id            INTEGER PRIMARY KEY,
  visit_id      INTEGER NOT NULL REFERENCES visit(id),
  content_type  TEXT    NOT NULL,
  bytes         INTEGER NOT NULL,
  sha256        TEXT    NOT NULL,
  stored_name   TEXT    NOT NULL,  -- file name under the photo folder
  created_at    INTEGER NOT NULL
);
CREATE INDEX visit_photo_visit ON visit_photo(visit_id);

-- What a campaign has reached in each household: kept by every visit.
CREATE TABLE household_campaign (
  campaign_id     INTEGER NOT NULL REFERENCES campaign(id),
  household_id    INTEGER NOT NULL REFERENCES household(id),
  org_unit_id     INTEGER NOT NULL REFERENCES org_unit(id),
  visits          INTEGER NOT NULL,
  first_visit_at  INTEGER NOT NULL,
  last_visit_at   INTEGER NOT NULL,
  face_to_face_at INTEGER,   -- first face-to-face visit
  letter_at       INTEGER,   -- first visit with the commitment letter signed
  PRIMARY KEY (campaign_id, household_id)
);
CREATE INDEX household_campaign_unit ON household_campaign(campaign_id, org_unit_id);

-- Households reached per campaign and unit (the unit itself only): coverage of any
-- subtree is a sum over its units, never a scan of visits.
CREATE TABLE coverage_counter (
  campaign_id   INTEGER NOT NULL REFERENCES campaign(id),
  org_unit_id   INTEGER NOT NULL REFERENCES org_unit(id),
  visited       INTEGER NOT NULL DEFAULT 0,
  face_to_face  INTEGER NOT NULL DEFAULT 0,
  letters       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, org_unit_id)
);

CREATE TABLE import_job (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL,  -- "people"
  org_unit_id   INTEGER NOT NULL REFERENCES org_unit(id),
  user_id       INTEGER,
  username      TEXT    NOT NULL,
  file_name     TEXT    NOT NULL,
  stored_path   TEXT    NOT NULL,
  file_bytes    INTEGER NOT NULL,
  mode          TEXT    NOT NULL,  -- "all_or_nothing" or "valid_rows"
  mapping       TEXT    NOT NULL DEFAULT '{}',
  status        TEXT    NOT NULL,  -- needs_mapping, queued, running, succeeded, rejected, failed
  rows_total    INTEGER NOT NULL DEFAULT 0,
  rows_done     INTEGER NOT NULL DEFAULT 0,
  created       INTEGER NOT NULL DEFAULT 0,
  updated       INTEGER NOT NULL DEFAULT 0,
  unchanged     INTEGER NOT NULL DEFAULT 0,
  rejected      INTEGER NOT NULL DEFAULT 0,
  report        TEXT    NOT NULL DEFAULT '{}',
  rejects_path  TEXT    NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  started_at    INTEGER,
  finished_at   INTEGER
);
CREATE INDEX import_job_unit ON import_job(org_unit_id, id);
