/**
 * Numbered schema migrations, applied in order, each exactly once. A migration is never edited after it
 * has shipped: a change is a new migration with the next number.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Makes a table append-only: rows can be inserted, never changed or removed. */
const appendOnly = (table: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: records are never rewritten'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: records are never deleted'); END;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'workspace, artifacts, pipeline runs, deployments, approvals, audit log',
    sql: `
CREATE TABLE services (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  repo_path        TEXT NOT NULL,
  image_repository TEXT,
  pipeline_file    TEXT NOT NULL,
  created_at       TEXT NOT NULL
);

-- Environments are retired, not deleted, because deployments keep pointing at them.
CREATE TABLE environments (
  id                INTEGER PRIMARY KEY,
  service_id        INTEGER NOT NULL REFERENCES services(id),
  name              TEXT NOT NULL,
  position          INTEGER NOT NULL,
  target_kind       TEXT NOT NULL CHECK (target_kind IN ('docker', 'kubernetes', 'gitops')),
  target_config     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(target_config)),
  requires_approval INTEGER NOT NULL CHECK (requires_approval IN (0, 1)),
  retired_at        TEXT,
  UNIQUE (service_id, name)
);

CREATE TABLE pipeline_runs (
  id          INTEGER PRIMARY KEY,
  service_id  INTEGER NOT NULL REFERENCES services(id),
  commit_sha  TEXT NOT NULL,
  ref         TEXT,
  started_by  TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  created_at  TEXT NOT NULL,
  started_at  TEXT,
  finished_at TEXT
);
CREATE INDEX pipeline_runs_by_service ON pipeline_runs (service_id, id DESC);

CREATE TABLE pipeline_stages (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES pipeline_runs(id),
  name        TEXT NOT NULL,
  position    INTEGER NOT NULL,
  needs       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(needs)),
  status      TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled', 'timed-out')),
  exit_code   INTEGER,
  log_file    TEXT,
  started_at  TEXT,
  finished_at TEXT,
  UNIQUE (run_id, name)
);

CREATE TABLE artifacts (
  id               INTEGER PRIMARY KEY,
  service_id       INTEGER NOT NULL REFERENCES services(id),
  image_repository TEXT NOT NULL,
  digest           TEXT NOT NULL CHECK (digest LIKE 'sha256:%'),
  commit_sha       TEXT NOT NULL,
  version          TEXT,
  pipeline_run_id  INTEGER REFERENCES pipeline_runs(id),
  created_at       TEXT NOT NULL,
  UNIQUE (image_repository, digest)
);
CREATE INDEX artifacts_by_service ON artifacts (service_id, id DESC);
CREATE INDEX artifacts_by_commit ON artifacts (commit_sha);

-- Pruning is recorded, never done by deleting the artifact's record.
CREATE TABLE artifact_prunes (
  id          INTEGER PRIMARY KEY,
  artifact_id INTEGER NOT NULL UNIQUE REFERENCES artifacts(id),
  pruned_by   TEXT NOT NULL,
  pruned_at   TEXT NOT NULL
);

CREATE TABLE deployments (
  id                   INTEGER PRIMARY KEY,
  environment_id       INTEGER NOT NULL REFERENCES environments(id),
  artifact_id          INTEGER NOT NULL REFERENCES artifacts(id),
  previous_artifact_id INTEGER REFERENCES artifacts(id),
  strategy             TEXT NOT NULL CHECK (strategy IN ('rolling', 'blue-green', 'canary', 'shadow', 'recreate')),
  started_by           TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  -- A rollback is a new deployment that points at the one it undoes.
  rollback_of_id       INTEGER REFERENCES deployments(id)
);
CREATE INDEX deployments_by_environment ON deployments (environment_id, id DESC);

-- A deployment's status is its latest event; events are appended as it moves on.
CREATE TABLE deployment_events (
  id            INTEGER PRIMARY KEY,
  deployment_id INTEGER NOT NULL REFERENCES deployments(id),
  status        TEXT NOT NULL CHECK (status IN ('pending-approval', 'in-progress', 'succeeded', 'failed', 'rolled-back', 'interrupted')),
  detail        TEXT,
  canary_verdict TEXT CHECK (canary_verdict IS NULL OR canary_verdict IN ('pass', 'fail', 'inconclusive')),
  at            TEXT NOT NULL
);
CREATE INDEX deployment_events_by_deployment ON deployment_events (deployment_id, id);

CREATE TABLE approvals (
  id            INTEGER PRIMARY KEY,
  deployment_id INTEGER NOT NULL REFERENCES deployments(id),
  decision      TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  decided_by    TEXT NOT NULL,
  comment       TEXT,
  decided_at    TEXT NOT NULL
);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);
${appendOnly('deployments')}
${appendOnly('deployment_events')}
${appendOnly('approvals')}
${appendOnly('audit_log')}
${appendOnly('artifact_prunes')}
`
  },
  {
    version: 2,
    name: 'services can be retired; active names are unique without regard to case',
    sql: `
ALTER TABLE services ADD COLUMN retired_at TEXT;
-- Older versions allowed "api" and "API" side by side: keep the first, retire the others.
UPDATE services SET retired_at = created_at
  WHERE id NOT IN (SELECT MIN(id) FROM services GROUP BY lower(name));
CREATE UNIQUE INDEX services_active_name ON services (name COLLATE NOCASE) WHERE retired_at IS NULL;
`
  },
  {
    version: 3,
    name: 'pipeline runs: stage messages and outputs, run errors and re-runs, the log line index, branch watches',
    sql: `
ALTER TABLE pipeline_stages ADD COLUMN message TEXT;
ALTER TABLE pipeline_stages ADD COLUMN output TEXT CHECK (output IS NULL OR json_valid(output));
ALTER TABLE pipeline_runs ADD COLUMN error TEXT;
ALTER TABLE pipeline_runs ADD COLUMN rerun_of INTEGER REFERENCES pipeline_runs(id);
-- The process that runs it: on start, only runs whose process is gone are marked interrupted.
ALTER TABLE pipeline_runs ADD COLUMN runner_pid INTEGER;
ALTER TABLE pipeline_runs ADD COLUMN test_summary TEXT CHECK (test_summary IS NULL OR json_valid(test_summary));
CREATE INDEX pipeline_runs_by_status ON pipeline_runs (status) WHERE status IN ('queued', 'running');

-- A finished stage's log: its file, how many lines and bytes, and the byte offset of every Nth line
-- (line 1, N+1, 2N+1, …), so any line is found from SQLite by reading at most N lines of the file.
CREATE TABLE stage_logs (
  stage_id         INTEGER PRIMARY KEY REFERENCES pipeline_stages(id),
  log_file         TEXT NOT NULL,
  line_count       INTEGER NOT NULL CHECK (line_count >= 0),
  byte_count       INTEGER NOT NULL CHECK (byte_count >= 0),
  checkpoint_every INTEGER NOT NULL CHECK (checkpoint_every > 0)
);
CREATE TABLE stage_log_checkpoints (
  stage_id    INTEGER NOT NULL REFERENCES pipeline_stages(id),
  line        INTEGER NOT NULL,
  byte_offset INTEGER NOT NULL,
  PRIMARY KEY (stage_id, line)
) WITHOUT ROWID;

-- Off unless a row exists: a new commit on the branch starts a run.
CREATE TABLE branch_watches (
  service_id INTEGER PRIMARY KEY REFERENCES services(id),
  branch     TEXT NOT NULL
);
`
  },
  {
    version: 4,
    name: 'artifact catalogue: commit subject, version sort key, search and sort indexes, retention policies',
    sql: `
ALTER TABLE artifacts ADD COLUMN commit_subject TEXT NOT NULL DEFAULT '';
-- Byte order is semver precedence ('' for no version), so "sort by version" walks an index.
ALTER TABLE artifacts ADD COLUMN version_key TEXT NOT NULL DEFAULT '';
-- The catalogue pages by (sort key, id) with a row-value cursor: one index per sort, with and without a service.
CREATE INDEX artifacts_by_created ON artifacts (created_at, id);
CREATE INDEX artifacts_by_service_created ON artifacts (service_id, created_at, id);
CREATE INDEX artifacts_by_version_key ON artifacts (version_key, id);
CREATE INDEX artifacts_by_service_version_key ON artifacts (service_id, version_key, id);
-- Prefix search: digest and version ranges (commit_sha already has artifacts_by_commit).
CREATE INDEX artifacts_by_digest ON artifacts (digest);
CREATE INDEX artifacts_by_version ON artifacts (version) WHERE version IS NOT NULL;
-- Words of the commit subject, kept in step with inserts (artifact rows are never updated or deleted).
CREATE VIRTUAL TABLE artifacts_subject_fts USING fts5(commit_subject, content='artifacts', content_rowid='id');
CREATE TRIGGER artifacts_subject_fts_insert AFTER INSERT ON artifacts
BEGIN INSERT INTO artifacts_subject_fts (rowid, commit_subject) VALUES (new.id, new.commit_subject); END;
INSERT INTO artifacts_subject_fts (artifacts_subject_fts) VALUES ('rebuild');

CREATE TABLE retention_policies (
  service_id           INTEGER PRIMARY KEY REFERENCES services(id),
  keep_last            INTEGER NOT NULL CHECK (keep_last >= 0),
  keep_days            INTEGER NOT NULL CHECK (keep_days >= 0),
  keep_per_environment INTEGER NOT NULL CHECK (keep_per_environment >= 0),
  updated_at           TEXT NOT NULL,
  updated_by           TEXT NOT NULL
);
`
  },
  {
    version: 5,
    name: 'releases: event phases, steps and weights, reasons and triggers, release locks, holds, read-only services',
    sql: `
ALTER TABLE services ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1));

ALTER TABLE deployments ADD COLUMN trigger TEXT NOT NULL DEFAULT 'manual'
  CHECK (trigger IN ('manual', 'promotion', 'rollback', 'automatic-rollback', 'branch-watch'));
ALTER TABLE deployments ADD COLUMN reason TEXT;
ALTER TABLE deployments ADD COLUMN override_reason TEXT;
-- The environment's settings when the release started, to diff against another release.
ALTER TABLE deployments ADD COLUMN settings TEXT CHECK (settings IS NULL OR json_valid(settings));

ALTER TABLE deployment_events ADD COLUMN phase TEXT;
ALTER TABLE deployment_events ADD COLUMN step INTEGER;
ALTER TABLE deployment_events ADD COLUMN weight INTEGER CHECK (weight IS NULL OR weight BETWEEN 0 AND 100);
ALTER TABLE deployment_events ADD COLUMN actor TEXT;
ALTER TABLE deployment_events ADD COLUMN data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data));
CREATE INDEX deployment_events_by_status ON deployment_events (status, deployment_id);
-- An artifact's timeline: every release of a digest.
CREATE INDEX deployments_by_artifact ON deployments (artifact_id, id);

-- One release at a time per environment: the row names the holder. Not a record: it goes when the release settles.
CREATE TABLE release_locks (
  environment_id INTEGER PRIMARY KEY REFERENCES environments(id),
  deployment_id  INTEGER NOT NULL REFERENCES deployments(id),
  holder         TEXT NOT NULL,
  -- The process executing the release's steps; NULL while it waits for a person (a paused canary).
  pid            INTEGER,
  since          TEXT NOT NULL
);

-- Holds are appended: placed by a manual rollback, released by a person. The latest row says which.
CREATE TABLE environment_holds (
  id             INTEGER PRIMARY KEY,
  environment_id INTEGER NOT NULL REFERENCES environments(id),
  action         TEXT NOT NULL CHECK (action IN ('hold', 'release')),
  deployment_id  INTEGER REFERENCES deployments(id),
  actor          TEXT NOT NULL,
  reason         TEXT,
  at             TEXT NOT NULL
);
CREATE INDEX environment_holds_by_environment ON environment_holds (environment_id, id DESC);
${appendOnly('environment_holds')}
`
  },
  {
    version: 6,
    name: 'canary analysis: workspace settings, the steps analysed, their metric series and verdicts',
    sql: `
-- Workspace-wide settings (the Prometheus endpoint…), one JSON value per key, changed in place and audited.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

-- A canary step whose analysis started: where it asked, what it asked (the metrics with their queries as sent).
CREATE TABLE analysis_steps (
  id             INTEGER PRIMARY KEY,
  deployment_id  INTEGER NOT NULL REFERENCES deployments(id),
  step           INTEGER NOT NULL CHECK (step >= 1),
  weight         INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
  -- unix seconds: the step's window
  started_at     REAL NOT NULL,
  window_seconds INTEGER NOT NULL CHECK (window_seconds > 0),
  prometheus_url TEXT NOT NULL,
  metrics        TEXT NOT NULL CHECK (json_valid(metrics)),
  at             TEXT NOT NULL
);
CREATE INDEX analysis_steps_by_deployment ON analysis_steps (deployment_id, id);

-- Points of a metric as they were read, each row the points after the previous row's last (replayable offline).
CREATE TABLE analysis_series (
  id            INTEGER PRIMARY KEY,
  deployment_id INTEGER NOT NULL REFERENCES deployments(id),
  step          INTEGER NOT NULL,
  metric        TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('baseline', 'canary')),
  -- [[unix seconds, value], …]; a value that is not a finite number is kept as "NaN", "+Inf" or "-Inf"
  points        TEXT NOT NULL CHECK (json_valid(points)),
  -- why the query gave nothing usable; NULL when it answered
  failure       TEXT,
  at            TEXT NOT NULL
);
CREATE INDEX analysis_series_by_deployment ON analysis_series (deployment_id, id);

-- The judge's verdict of a step: early (a sequential fail) or at the end of its window.
CREATE TABLE analysis_verdicts (
  id            INTEGER PRIMARY KEY,
  deployment_id INTEGER NOT NULL REFERENCES deployments(id),
  step          INTEGER NOT NULL,
  verdict       TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'inconclusive')),
  reason        TEXT NOT NULL,
  -- unix seconds
  ended_at      REAL NOT NULL,
  -- the whole step verdict: per metric, with its numbers and warnings
  detail        TEXT NOT NULL CHECK (json_valid(detail)),
  at            TEXT NOT NULL
);
CREATE INDEX analysis_verdicts_by_deployment ON analysis_verdicts (deployment_id, id);
${appendOnly('analysis_steps')}
${appendOnly('analysis_series')}
${appendOnly('analysis_verdicts')}
`
  }
];
