-- coldstart results store, version 1: what was measured, where, on which commit (docs/history.md).
-- One file serves SQLite and PostgreSQL: {id} becomes each one's auto-numbered primary key.

CREATE TABLE machine (
  id          TEXT PRIMARY KEY,        -- stable fingerprint: hash of CPU model, cores, kernel, OS, arch
  description TEXT NOT NULL,           -- e.g. "AMD EPYC 7763, 4 cores, Linux 6.8.0 amd64"
  cpu_model   TEXT NOT NULL,
  cores       INTEGER NOT NULL,
  kernel      TEXT NOT NULL
);

CREATE TABLE recording (
  id                {id},
  entry             TEXT NOT NULL,     -- the target as the user wrote it, or the check entry's name
  interpreter       TEXT NOT NULL,     -- implementation, e.g. CPython
  python_version    TEXT NOT NULL,     -- e.g. 3.11.7
  python_executable TEXT NOT NULL,
  machine_id        TEXT NOT NULL REFERENCES machine (id),
  limits            TEXT NOT NULL,     -- e.g. "cpu=10%, memory=128M"; empty: none
  commit_sha        TEXT,              -- null outside a git checkout
  branch            TEXT,
  dirty             INTEGER NOT NULL,  -- 1: uncommitted changes to tracked files
  subject           TEXT,
  commit_time       TEXT,              -- ISO-8601 with offset
  ordered_at        BIGINT NOT NULL,   -- commit time, else recording time, in epoch ms: history's order
  recorded_at       TEXT NOT NULL,     -- ISO-8601 UTC
  tool_version      TEXT NOT NULL,
  verb              TEXT NOT NULL,     -- profile, check or record
  runs              INTEGER NOT NULL,
  median_ms         DOUBLE PRECISION NOT NULL, -- import time: median with its 95 % interval
  low_ms            DOUBLE PRECISION NOT NULL,
  high_ms           DOUBLE PRECISION NOT NULL,
  wall_median_ms    DOUBLE PRECISION NOT NULL,
  above_bare_ms     DOUBLE PRECISION           -- null when the bare interpreter was not measured
);

CREATE TABLE run_sample (
  recording_id   BIGINT NOT NULL REFERENCES recording (id) ON DELETE CASCADE,
  run            INTEGER NOT NULL,     -- 0-based, in the order measured
  wall_ms        DOUBLE PRECISION NOT NULL,
  import_ms      DOUBLE PRECISION NOT NULL,
  bare_wall_ms   DOUBLE PRECISION,
  bare_import_ms DOUBLE PRECISION,
  PRIMARY KEY (recording_id, run)
);

CREATE TABLE module_stat (
  recording_id       BIGINT NOT NULL REFERENCES recording (id) ON DELETE CASCADE,
  module             TEXT NOT NULL,
  self_ms            DOUBLE PRECISION NOT NULL,
  self_low_ms        DOUBLE PRECISION NOT NULL,
  self_high_ms       DOUBLE PRECISION NOT NULL,
  cumulative_ms      DOUBLE PRECISION NOT NULL,
  cumulative_low_ms  DOUBLE PRECISION NOT NULL,
  cumulative_high_ms DOUBLE PRECISION NOT NULL,
  runs               INTEGER NOT NULL,
  PRIMARY KEY (recording_id, module)
);
