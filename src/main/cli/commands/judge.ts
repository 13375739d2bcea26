/**
 * `shipdeck judge --baseline FILE --canary FILE`: the canary judge on recorded series, offline (the
 * retrospective mode Kayenta has). Exit 0 pass, 1 fail, 3 inconclusive, 2 bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { METRIC_DIRECTIONS, type MetricDirection, type MetricSeries, type MetricVerdict, type SeriesPoint } from '../../../shared/domain/analysis';
import { formatValue } from '../../../shared/domain/analysis/format';
import { DEFAULT_JUDGE_OPTIONS, judgeMetric } from '../../../shared/domain/analysis/judge-metric';
import { stringOption, UsageError } from '../args';
import type { CliCommand } from '../command';

const EXIT: Readonly<Record<MetricVerdict['verdict'], number>> = { pass: 0, fail: 1, inconclusive: 3 };
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A value as a file writes it: a number, NaN (a failed measurement), or ±Inf as Prometheus prints it. */
function parseValue(text: string): number | null {
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (/^nan$/i.test(trimmed)) return Number.NaN;
  if (/^[+]?inf$/i.test(trimmed)) return Infinity;
  if (/^-inf$/i.test(trimmed)) return -Infinity;
  return null;
}

function parseJsonSeries(text: string, name: string): SeriesPoint[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}); write a JSON array of [timestamp, value] pairs or one value per line`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`${name} must hold a JSON array of [timestamp, value] pairs`);
  return parsed.map((entry: unknown, index): SeriesPoint => {
    const bad = () => new UsageError(`entry ${index + 1} of ${name} is not a [timestamp, value] pair of numbers: ${JSON.stringify(entry)} (use null or "NaN" for a failed measurement)`);
    if (typeof entry === 'number') return [index, entry];
    if (!Array.isArray(entry) || entry.length !== 2) throw bad();
    const [at, value] = entry as [unknown, unknown];
    const timestamp = typeof at === 'number' ? at : typeof at === 'string' ? parseValue(at) : null;
    const number = value === null ? Number.NaN : typeof value === 'number' ? value : typeof value === 'string' ? parseValue(value) : null;
    if (timestamp === null || !Number.isFinite(timestamp) || number === null) throw bad();
    return [timestamp, number];
  });
}

/** A recorded series: one value per line (blank lines and # comments skipped) or a JSON array of pairs; an empty file is a failed measurement. */
export function parseSeries(text: string, name: string): MetricSeries {
  if (text.trim() === '') return { points: [], failure: `${name} is empty` };
  if (text.trim().startsWith('[')) return { points: parseJsonSeries(text, name), failure: null };
  const points: SeriesPoint[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const value = parseValue(trimmed);
    if (value === null) throw new UsageError(`line ${index + 1} of ${name} is not a number: "${trimmed}" (write one number per line, NaN for a failed measurement)`);
    points.push([points.length, value]);
  });
  return { points, failure: null };
}

function readSeries(file: string | undefined, flag: string): MetricSeries {
  if (file === undefined) throw new UsageError(`--${flag} FILE is required (one value per line, or a JSON array of [timestamp, value] pairs)`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read the --${flag} file "${file}": ${reason}; pass a readable file`);
  }
  return parseSeries(text, path.basename(file));
}

function directionOption(value: string | undefined): MetricDirection {
  if (value === undefined) return DEFAULT_JUDGE_OPTIONS.direction;
  if (!(METRIC_DIRECTIONS as readonly string[]).includes(value)) throw new UsageError(`--direction must be one of ${METRIC_DIRECTIONS.join(', ')}, got "${value}"`);
  return value as MetricDirection;
}

function confidenceOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_JUDGE_OPTIONS.confidence;
  const confidence = NUMBER.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(confidence >= 0.5 && confidence <= 0.999)) throw new UsageError(`--confidence must be a number between 0.5 and 0.999 (e.g. 0.95), got "${value}"`);
  return confidence;
}

function formatVerdict(verdict: MetricVerdict): string {
  const n = verdict.numbers;
  const side = (role: 'canary' | 'baseline') => {
    const failed = n[`${role}Failed`] ? ` (${n[`${role}Failed`]} failed)` : '';
    const location = n[`${role}Median`] === undefined ? '' : `  median ${formatValue(n[`${role}Median`] ?? null)}, mean ${formatValue(n[`${role}Mean`] ?? null)}`;
    return `  ${role.padEnd(8)}  ${n[`${role}Points`]} points${failed}${location}`;
  };
  const lines = [`${verdict.verdict.toUpperCase()}  ${verdict.reason}`, side('canary'), side('baseline')];
  if (n.pValue !== undefined) {
    const interval = n.hodgesLehmannLow === null ? '' : ` (CI ${formatValue(n.hodgesLehmannLow ?? null)} … ${formatValue(n.hodgesLehmannHigh ?? null)})`;
    lines.push(`  Mann-Whitney U ${formatValue(n.mannWhitneyU ?? null)}, p ${formatValue(n.pValue ?? null)}; Hodges-Lehmann shift ${formatValue(n.hodgesLehmann ?? null)}${interval}`);
    lines.push(`  ${n.pointsBeyondBaseline} canary points beyond the baseline's range (p ${formatValue(n.pointsBeyondBaselineP ?? null)}); spread ${formatValue(n.spreadRatio ?? null)} × the baseline's (p ${formatValue(n.spreadP ?? null)})`);
  }
  for (const warning of verdict.warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}

export const judgeCommand: CliCommand = {
  words: ['judge'],
  params: [],
  options: ['--baseline FILE', '--canary FILE', '--direction increase|decrease|either', '--confidence C', '--json'],
  summary: 'Judges a recorded canary series against its baseline: pass, fail or inconclusive, with the reason and the numbers.',
  details: [
    'Files: one value per line, or a JSON array of [timestamp, value] pairs; NaN or an empty file is a failed measurement.',
    '--direction increase (default): a higher canary is worse; --confidence 0.95 by default.',
    'Exit 0 pass, 1 fail, 3 inconclusive, 2 bad input.'
  ],
  run: async ({ args, out }) => {
    const direction = directionOption(stringOption(args, 'direction'));
    const confidence = confidenceOption(stringOption(args, 'confidence'));
    const baseline = readSeries(stringOption(args, 'baseline'), 'baseline');
    const canary = readSeries(stringOption(args, 'canary'), 'canary');
    const verdict = judgeMetric(baseline, canary, { ...DEFAULT_JUDGE_OPTIONS, direction, confidence, metric: 'value' });
    out.line(args.options.has('json') ? JSON.stringify(verdict, null, 2) : formatVerdict(verdict));
    return EXIT[verdict.verdict];
  }
};
