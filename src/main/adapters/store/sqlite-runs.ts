import type Database from 'better-sqlite3';
import {
  isFinishedRun,
  isFinishedStage,
  type PipelineRun,
  type PipelineStage,
  type RunStatus,
  type StageOutputRecord,
  type StageStatus,
  type TestSummary
} from '../../../shared/domain/pipeline-runs';
import { AppError } from '../../../shared/result';
import type { BranchWatch, LogSeek, NewRun, RunsReads, RunsWrites, StageLogIndex, StageUpdate } from '../../ports/store';
import { pageBinds, toPage } from './paging';
import type { ServiceIds } from './service-ids';

interface RunRow {
  id: number;
  service: string;
  commit_sha: string;
  ref: string | null;
  started_by: string;
  status: RunStatus;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  rerun_of: number | null;
  test_summary: string | null;
}
interface StageRow {
  id: number;
  name: string;
  position: number;
  needs: string;
  status: StageStatus;
  exit_code: number | null;
  log_file: string | null;
  started_at: string | null;
  finished_at: string | null;
  message: string | null;
  output: string | null;
  line_count: number | null;
}

const RUN_COLUMNS = `r.id, s.name AS service, r.commit_sha, r.ref, r.started_by, r.status, r.created_at, r.started_at, r.finished_at,
  r.error, r.rerun_of, r.test_summary
  FROM pipeline_runs r JOIN services s ON s.id = r.service_id`;

const runNotFound = (runId: number) =>
  new AppError('NOT_FOUND', `There is no pipeline run #${runId}.`, 'Check the run number in the service\'s pipeline runs.');

/** Pipeline runs and stages on SQLite. A run and its stages move forward until finished, then stay as they are. */
export function createSqliteRuns(db: Database.Database, now: () => string, services: ServiceIds): RunsReads & RunsWrites {
  const statements = {
    insertRun: db.prepare(
      "INSERT INTO pipeline_runs (service_id, commit_sha, ref, started_by, status, created_at, rerun_of, runner_pid) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)"
    ),
    insertStage: db.prepare(
      "INSERT INTO pipeline_stages (run_id, name, position, needs, status) VALUES (?, ?, ?, ?, 'pending')"
    ),
    runById: db.prepare<[number], RunRow>(`SELECT ${RUN_COLUMNS} WHERE r.id = ?`),
    runsOfService: db.prepare<[number, number, number], RunRow>(
      `SELECT ${RUN_COLUMNS} WHERE r.service_id = ? AND r.id < ? ORDER BY r.id DESC LIMIT ?`
    ),
    stagesOfRun: db.prepare<[number], StageRow>(
      'SELECT p.*, l.line_count FROM pipeline_stages p LEFT JOIN stage_logs l ON l.stage_id = p.id WHERE p.run_id = ? ORDER BY p.position'
    ),
    stage: db.prepare<[number, string], StageRow>(
      'SELECT p.*, l.line_count FROM pipeline_stages p LEFT JOIN stage_logs l ON l.stage_id = p.id WHERE p.run_id = ? AND p.name = ?'
    ),
    insertStageLog: db.prepare(
      'INSERT INTO stage_logs (stage_id, log_file, line_count, byte_count, checkpoint_every) VALUES (?, ?, ?, ?, ?)'
    ),
    insertCheckpoint: db.prepare('INSERT INTO stage_log_checkpoints (stage_id, line, byte_offset) VALUES (?, ?, ?)'),
    seek: db.prepare<[number, number, string], { log_file: string; line_count: number; line: number; byte_offset: number }>(
      `SELECT l.log_file, l.line_count, c.line, c.byte_offset
         FROM pipeline_stages p JOIN stage_logs l ON l.stage_id = p.id
         JOIN stage_log_checkpoints c ON c.stage_id = p.id AND c.line <= ?
        WHERE p.run_id = ? AND p.name = ?
        ORDER BY c.line DESC LIMIT 1`
    ),
    setTestSummary: db.prepare('UPDATE pipeline_runs SET test_summary = ? WHERE id = ?'),
    unfinishedRuns: db.prepare<[], { id: number; runner_pid: number | null }>(
      "SELECT id, runner_pid FROM pipeline_runs WHERE status IN ('queued', 'running')"
    ),
    interruptStages: db.prepare(
      "UPDATE pipeline_stages SET status = 'cancelled', message = ?, finished_at = ? WHERE run_id = ? AND status IN ('pending', 'running')"
    ),
    interruptRun: db.prepare("UPDATE pipeline_runs SET status = 'interrupted', error = ?, finished_at = ? WHERE id = ?"),
    watchOf: db.prepare<[number], { branch: string }>('SELECT branch FROM branch_watches WHERE service_id = ?'),
    watches: db.prepare<[], { service: string; branch: string }>(
      'SELECT s.name AS service, w.branch FROM branch_watches w JOIN services s ON s.id = w.service_id WHERE s.retired_at IS NULL ORDER BY s.name'
    ),
    setWatch: db.prepare('INSERT INTO branch_watches (service_id, branch) VALUES (?, ?) ON CONFLICT (service_id) DO UPDATE SET branch = excluded.branch'),
    clearWatch: db.prepare('DELETE FROM branch_watches WHERE service_id = ?'),
    // The times are set once: started on the first move to running, finished on the first final status.
    setRunStatus: db.prepare(`UPDATE pipeline_runs SET status = @status, error = COALESCE(@error, error),
        started_at = COALESCE(started_at, CASE WHEN @status = 'running' THEN @at END),
        finished_at = CASE WHEN @finished THEN @at END
      WHERE id = @id`),
    setStageStatus: db.prepare(`UPDATE pipeline_stages SET status = @status,
        exit_code = COALESCE(@exitCode, exit_code), log_file = COALESCE(@logFile, log_file),
        message = COALESCE(@message, message), output = COALESCE(@output, output),
        started_at = COALESCE(started_at, CASE WHEN @status = 'running' THEN @at END),
        finished_at = CASE WHEN @finished THEN @at END
      WHERE run_id = @runId AND name = @name`)
  };

  const toStage = (row: StageRow): PipelineStage => ({
    name: row.name,
    position: row.position,
    needs: JSON.parse(row.needs) as string[],
    status: row.status,
    exitCode: row.exit_code,
    logFile: row.log_file,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    message: row.message,
    logLines: row.line_count,
    output: row.output === null ? null : (JSON.parse(row.output) as StageOutputRecord)
  });
  const toRun = (row: RunRow): PipelineRun => ({
    id: row.id,
    service: row.service,
    commitSha: row.commit_sha,
    ref: row.ref,
    startedBy: row.started_by,
    status: row.status,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    rerunOf: row.rerun_of,
    testSummary: row.test_summary === null ? null : (JSON.parse(row.test_summary) as TestSummary),
    stages: statements.stagesOfRun.all(row.id).map(toStage)
  });
  const requireRun = (runId: number): RunRow => {
    const row = statements.runById.get(runId);
    if (!row) throw runNotFound(runId);
    return row;
  };

  const recordRun = db.transaction((run: NewRun): PipelineRun => {
    const serviceId = services.require(run.service);
    const runId = Number(statements.insertRun.run(serviceId, run.commitSha, run.ref, run.startedBy, now(), run.rerunOf ?? null, run.runnerPid ?? null).lastInsertRowid);
    run.stages.forEach((stage, position) => statements.insertStage.run(runId, stage.name, position, JSON.stringify(stage.needs)));
    return toRun(requireRun(runId));
  });

  const setRunStatus = db.transaction((runId: number, status: RunStatus, error: string | null): PipelineRun => {
    const row = requireRun(runId);
    if (isFinishedRun(row.status)) {
      throw new AppError('INVALID_INPUT', `Pipeline run #${runId} already ${row.status}; a finished run is not changed.`, 'Start a new run instead.');
    }
    statements.setRunStatus.run({ id: runId, status, error, at: now(), finished: isFinishedRun(status) ? 1 : 0 });
    return toRun(requireRun(runId));
  });

  const setStageStatus = db.transaction((runId: number, name: string, update: StageUpdate): PipelineRun => {
    requireRun(runId);
    const stage = statements.stage.get(runId, name);
    if (!stage) throw new AppError('NOT_FOUND', `Pipeline run #${runId} has no stage named "${name}".`, 'Check the stage names of the run.');
    if (isFinishedStage(stage.status)) {
      throw new AppError('INVALID_INPUT', `Stage "${name}" of run #${runId} already ${stage.status}; a finished stage is not changed.`, 'Start a new run instead.');
    }
    statements.setStageStatus.run({
      runId,
      name,
      status: update.status,
      exitCode: update.exitCode ?? null,
      logFile: update.logFile ?? null,
      message: update.message ?? null,
      output: update.output === undefined ? null : JSON.stringify(update.output),
      at: now(),
      finished: isFinishedStage(update.status) ? 1 : 0
    });
    return toRun(requireRun(runId));
  });

  const requireStage = (runId: number, name: string): StageRow => {
    requireRun(runId);
    const stage = statements.stage.get(runId, name);
    if (!stage) throw new AppError('NOT_FOUND', `Pipeline run #${runId} has no stage named "${name}".`, 'Check the stage names of the run.');
    return stage;
  };

  const recordStageLog = db.transaction((runId: number, name: string, index: StageLogIndex): void => {
    const stage = requireStage(runId, name);
    statements.insertStageLog.run(stage.id, index.logFile, index.lineCount, index.byteCount, index.every);
    index.offsets.forEach((offset, i) => statements.insertCheckpoint.run(stage.id, i * index.every + 1, offset));
  });

  const interruptUnfinished = db.transaction((reason: string, isAlive: (pid: number) => boolean) => {
    const unfinished = statements.unfinishedRuns.all();
    const gone = unfinished.filter((row) => row.runner_pid === null || !isAlive(row.runner_pid)).map((row) => row.id);
    const at = now();
    for (const id of gone) {
      statements.interruptStages.run(reason, at, id);
      statements.interruptRun.run(reason, at, id);
    }
    return { interrupted: gone, stillRunning: unfinished.length - gone.length };
  });

  const seekLog = (runId: number, name: string, line: number): LogSeek | null => {
    const row = statements.seek.get(Math.max(1, line), runId, name);
    return row ? { logFile: row.log_file, lineCount: row.line_count, line: row.line, byteOffset: row.byte_offset } : null;
  };

  return {
    seekLog,
    branchWatch: (service) => {
      const serviceId = services.find(service);
      return serviceId === null ? null : (statements.watchOf.get(serviceId)?.branch ?? null);
    },
    branchWatches: (): readonly BranchWatch[] => statements.watches.all(),
    recordStageLog: (runId, name, index) => recordStageLog(runId, name, index),
    setTestSummary: (runId, summary) => {
      requireRun(runId);
      statements.setTestSummary.run(JSON.stringify(summary), runId);
      return toRun(requireRun(runId));
    },
    interruptUnfinished: (reason, isAlive) => interruptUnfinished(reason, isAlive),
    setBranchWatch: (service, branch) => {
      const serviceId = services.require(service);
      if (branch === null) statements.clearWatch.run(serviceId);
      else statements.setWatch.run(serviceId, branch);
    },
    getRun: (runId) => {
      const row = statements.runById.get(runId);
      return row ? toRun(row) : null;
    },
    listRuns: (service, page) => {
      const serviceId = services.find(service);
      if (serviceId === null) return { items: [], nextBeforeId: null };
      const { beforeId, take } = pageBinds(page);
      return toPage(statements.runsOfService.all(serviceId, beforeId, take), page, toRun);
    },
    recordRun: (run) => recordRun(run),
    setRunStatus: (runId, status, error) => setRunStatus(runId, status, error ?? null),
    setStageStatus: (runId, name, update) => setStageStatus(runId, name, update)
  };
}
