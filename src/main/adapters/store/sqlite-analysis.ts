import type Database from 'better-sqlite3';
import type { SeriesPoint, StepVerdict } from '../../../shared/domain/analysis';
import type { AnalysisReads, AnalysisStepStart, AnalysisWrites, AskedMetric, AuditWrites, RecordedVerdict, SeriesChunk } from '../../ports/store';

interface StepRow {
  deployment_id: number;
  step: number;
  weight: number;
  started_at: number;
  window_seconds: number;
  prometheus_url: string;
  metrics: string;
}

interface SeriesRow {
  deployment_id: number;
  step: number;
  metric: string;
  role: 'baseline' | 'canary';
  points: string;
  failure: string | null;
}

interface VerdictRow {
  deployment_id: number;
  step: number;
  ended_at: number;
  detail: string;
}

/** JSON has no NaN or infinity: they are kept as text, so a failed measurement reads back as one. */
const storedValue = (value: number): number | string =>
  Number.isFinite(value) ? value : Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';

const readValue = (value: unknown): number => {
  if (typeof value === 'number') return value;
  if (value === '+Inf') return Number.POSITIVE_INFINITY;
  if (value === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number.NaN;
};

export const encodePoints = (points: readonly SeriesPoint[]): string => JSON.stringify(points.map(([at, value]) => [at, storedValue(value)]));

export const decodePoints = (text: string): SeriesPoint[] =>
  (JSON.parse(text) as [number, unknown][]).map(([at, value]): SeriesPoint => [at, readValue(value)]);

/** Canary analysis on the append-only `analysis_*` tables, and workspace settings on `settings`. */
export function createSqliteAnalysis(db: Database.Database, now: () => string, audit: Pick<AuditWrites, 'append'>): AnalysisReads & AnalysisWrites {
  const statements = {
    insertStep: db.prepare(
      'INSERT INTO analysis_steps (deployment_id, step, weight, started_at, window_seconds, prometheus_url, metrics, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    ),
    insertSeries: db.prepare('INSERT INTO analysis_series (deployment_id, step, metric, role, points, failure, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertVerdict: db.prepare('INSERT INTO analysis_verdicts (deployment_id, step, verdict, reason, ended_at, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    steps: db.prepare<[number], StepRow>('SELECT * FROM analysis_steps WHERE deployment_id = ? ORDER BY id'),
    series: db.prepare<[number], SeriesRow>('SELECT * FROM analysis_series WHERE deployment_id = ? ORDER BY id'),
    verdicts: db.prepare<[number], VerdictRow>('SELECT * FROM analysis_verdicts WHERE deployment_id = ? ORDER BY id'),
    setting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    upsertSetting: db.prepare(
      'INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by'
    )
  };

  const toStep = (row: StepRow): AnalysisStepStart => ({
    deploymentId: row.deployment_id,
    step: row.step,
    weight: row.weight,
    startedAt: row.started_at,
    windowSeconds: row.window_seconds,
    prometheusUrl: row.prometheus_url,
    metrics: JSON.parse(row.metrics) as AskedMetric[]
  });
  const toChunk = (row: SeriesRow): SeriesChunk => ({
    deploymentId: row.deployment_id,
    step: row.step,
    metric: row.metric,
    role: row.role,
    points: decodePoints(row.points),
    failure: row.failure
  });
  const toVerdict = (row: VerdictRow): RecordedVerdict => ({
    deploymentId: row.deployment_id,
    step: row.step,
    endedAt: row.ended_at,
    verdict: reviveVerdict(JSON.parse(row.detail) as StepVerdict)
  });

  return {
    analysisOf: (deploymentId) => ({
      steps: statements.steps.all(deploymentId).map(toStep),
      series: statements.series.all(deploymentId).map(toChunk),
      verdicts: statements.verdicts.all(deploymentId).map(toVerdict)
    }),
    setting: (key) => {
      const row = statements.setting.get(key);
      return row ? (JSON.parse(row.value) as unknown) : null;
    },
    startStep: (start) => {
      statements.insertStep.run(start.deploymentId, start.step, start.weight, start.startedAt, start.windowSeconds, start.prometheusUrl, JSON.stringify(start.metrics), now());
    },
    appendSeries: (chunks) => {
      const at = now();
      for (const chunk of chunks) {
        statements.insertSeries.run(chunk.deploymentId, chunk.step, chunk.metric, chunk.role, encodePoints(chunk.points), chunk.failure, at);
      }
    },
    recordVerdict: (record) => {
      statements.insertVerdict.run(record.deploymentId, record.step, record.verdict.verdict, record.verdict.reason, record.endedAt, JSON.stringify(encodeVerdict(record.verdict)), now());
    },
    setSetting: (key, value, entry) => {
      statements.upsertSetting.run(key, JSON.stringify(value), now(), entry.actor);
      audit.append(entry);
    }
  };
}

/** A verdict's numbers may be NaN or infinite: kept as text like the points. */
function encodeVerdict(verdict: StepVerdict): unknown {
  return {
    ...verdict,
    metrics: verdict.metrics.map((metric) => ({
      ...metric,
      numbers: Object.fromEntries(Object.entries(metric.numbers).map(([name, value]) => [name, value === null ? null : storedValue(value)]))
    }))
  };
}

function reviveVerdict(stored: StepVerdict): StepVerdict {
  return {
    ...stored,
    metrics: stored.metrics.map((metric) => ({
      ...metric,
      numbers: Object.fromEntries(Object.entries(metric.numbers).map(([name, value]) => [name, value === null ? null : readValue(value)]))
    }))
  };
}
