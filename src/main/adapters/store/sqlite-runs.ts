import type Database from 'better-sqlite3';
import {
  isFinishedRun,
  isFinishedStage,
  type PipelineRun,
  type PipelineStage,
  type RunStatus,
  type StageStatus
} from '../../../shared/domain/pipeline-runs';
import { AppError } from '../../../shared/result';
import type { NewRun, RunsReads, RunsWrites, StageUpdate } from '../../ports/store';
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
}
interface StageRow {
  name: string;
  position: number;
  needs: string;
  status: StageStatus;
  exit_code: number | null;
  log_file: string | null;
  started_at: string | null;
  finished_at: string | null;
}

const RUN_COLUMNS = `r.id, s.name AS service, r.commit_sha, r.ref, r.started_by, r.status, r.created_at, r.started_at, r.finished_at
  FROM pipeline_runs r JOIN services s ON s.id = r.service_id`;

const runNotFound = (runId: number) =>
  new AppError('NOT_FOUND', `There is no pipeline run #${runId}.`, 'Check the run number in the service\'s pipeline runs.');

/** Pipeline runs and stages on SQLite. A run and its stages move forward until finished, then stay as they are. */
export function createSqliteRuns(db: Database.Database, now: () => string, services: ServiceIds): RunsReads & RunsWrites {
  const statements = {
    insertRun: db.prepare(
      "INSERT INTO pipeline_runs (service_id, commit_sha, ref, started_by, status, created_at) VALUES (?, ?, ?, ?, 'queued', ?)"
    ),
    insertStage: db.prepare(
      "INSERT INTO pipeline_stages (run_id, name, position, needs, status) VALUES (?, ?, ?, ?, 'pending')"
    ),
    runById: db.prepare<[number], RunRow>(`SELECT ${RUN_COLUMNS} WHERE r.id = ?`),
    runsOfService: db.prepare<[number, number, number], RunRow>(
      `SELECT ${RUN_COLUMNS} WHERE r.service_id = ? AND r.id < ? ORDER BY r.id DESC LIMIT ?`
    ),
    stagesOfRun: db.prepare<[number], StageRow>('SELECT * FROM pipeline_stages WHERE run_id = ? ORDER BY position'),
    stage: db.prepare<[number, string], StageRow>('SELECT * FROM pipeline_stages WHERE run_id = ? AND name = ?'),
    // The times are set once: started on the first move to running, finished on the first final status.
    setRunStatus: db.prepare(`UPDATE pipeline_runs SET status = @status,
        started_at = COALESCE(started_at, CASE WHEN @status = 'running' THEN @at END),
        finished_at = CASE WHEN @finished THEN @at END
      WHERE id = @id`),
    setStageStatus: db.prepare(`UPDATE pipeline_stages SET status = @status,
        exit_code = COALESCE(@exitCode, exit_code), log_file = COALESCE(@logFile, log_file),
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
    finishedAt: row.finished_at
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
    stages: statements.stagesOfRun.all(row.id).map(toStage)
  });
  const requireRun = (runId: number): RunRow => {
    const row = statements.runById.get(runId);
    if (!row) throw runNotFound(runId);
    return row;
  };

  const recordRun = db.transaction((run: NewRun): PipelineRun => {
    const serviceId = services.require(run.service);
    const runId = Number(statements.insertRun.run(serviceId, run.commitSha, run.ref, run.startedBy, now()).lastInsertRowid);
    run.stages.forEach((stage, position) => statements.insertStage.run(runId, stage.name, position, JSON.stringify(stage.needs)));
    return toRun(requireRun(runId));
  });

  const setRunStatus = db.transaction((runId: number, status: RunStatus): PipelineRun => {
    const row = requireRun(runId);
    if (isFinishedRun(row.status)) {
      throw new AppError('INVALID_INPUT', `Pipeline run #${runId} already ${row.status}; a finished run is not changed.`, 'Start a new run instead.');
    }
    statements.setRunStatus.run({ id: runId, status, at: now(), finished: isFinishedRun(status) ? 1 : 0 });
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
      at: now(),
      finished: isFinishedStage(update.status) ? 1 : 0
    });
    return toRun(requireRun(runId));
  });

  return {
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
    setRunStatus: (runId, status) => setRunStatus(runId, status),
    setStageStatus: (runId, name, update) => setStageStatus(runId, name, update)
  };
}
