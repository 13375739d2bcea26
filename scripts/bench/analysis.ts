/**
 * Canary analysis figures, on simulated traffic (a seeded generator, a Bernoulli draw per request):
 * - time to detect a canary with 5 % errors against a 0.5 % baseline, canary at 50 requests/s (10 %
 *   weight: the baseline serves 450), 10-second scrape points: Shipdeck's sequential judge against a
 *   fixed-window threshold check in the manner of Flagger (a check every minute on the last minute's
 *   error rate, failed above 1 %; rolled back after 5 failed checks), on the same traffic;
 * - false rollbacks in 20 ten-minute steps of a good canary (0.5 % against 0.5 %): the sequential test,
 *   then the window-end judge on the step's error-rate points;
 * - false positives in 100 A/A experiments at 95 %: fixed-horizon, sequential, and naive peeking;
 * - the judge on a 3-hour step of 15-second points for 10 metrics.
 * `npm run bench -- analysis` (or `node --import tsx scripts/bench/analysis.ts`) prints them alone.
 */
import type { MetricSeries } from '../../src/shared/domain/analysis';
import { experimentStatistics, fixedHorizonSampleSize } from '../../src/shared/domain/analysis/experiment';
import { DEFAULT_JUDGE_OPTIONS, judgeMetric } from '../../src/shared/domain/analysis/judge-metric';
import { seededRandom, type Random } from '../../src/shared/domain/analysis/random';
import { sequentialDecision, type SequentialState } from '../../src/shared/domain/analysis/sequential';
import { median, ms } from './measure';

const CANARY_RPS = 50;
const BASELINE_RPS = 450;
const BAD_RATE = 0.05;
const GOOD_RATE = 0.005;
const CONFIDENCE = 0.95;
/** Flagger's request-success-rate check at 99 %: a check fails above 1 % errors. */
const FLAGGER_MAX_ERROR_RATE = 0.01;
const FLAGGER_INTERVAL_SECONDS = 60;
const FLAGGER_THRESHOLD = 5;
const STEP_SECONDS = 600;
const RUNS = 20;

type Row = [string, string, string];

interface Interval {
  readonly canary: { readonly requests: number; readonly errors: number };
  readonly baseline: { readonly requests: number; readonly errors: number };
}

function traffic(random: Random, seconds: number, scrapeSeconds: number, canaryRate: number, baselineRate: number): Interval[] {
  return Array.from({ length: Math.floor(seconds / scrapeSeconds) }, () => {
    const canaryRequests = CANARY_RPS * scrapeSeconds;
    const baselineRequests = BASELINE_RPS * scrapeSeconds;
    return {
      canary: { requests: canaryRequests, errors: random.binomial(canaryRequests, canaryRate) },
      baseline: { requests: baselineRequests, errors: random.binomial(baselineRequests, baselineRate) }
    };
  });
}

/** Seconds until the sequential test fails the canary, or null. */
function sequentialDetection(intervals: readonly Interval[], scrapeSeconds: number): number | null {
  let state: SequentialState | null = null;
  for (const [index, interval] of intervals.entries()) {
    const decision = sequentialDecision(state, interval, { confidence: CONFIDENCE, thresholds: {} });
    if (decision.decision === 'fail') return (index + 1) * scrapeSeconds;
    state = decision.state;
  }
  return null;
}

/** Seconds until the Flagger-like check rolls back (the failed-checks threshold reached), or null. */
function flaggerDetection(intervals: readonly Interval[], scrapeSeconds: number): number | null {
  const perCheck = FLAGGER_INTERVAL_SECONDS / scrapeSeconds;
  let failedChecks = 0;
  for (let end = perCheck; end <= intervals.length; end += perCheck) {
    const window = intervals.slice(end - perCheck, end);
    const requests = window.reduce((sum, interval) => sum + interval.canary.requests, 0);
    const errors = window.reduce((sum, interval) => sum + interval.canary.errors, 0);
    if (errors / requests > FLAGGER_MAX_ERROR_RATE) failedChecks++;
    if (failedChecks >= FLAGGER_THRESHOLD) return end * scrapeSeconds;
  }
  return null;
}

const rateSeries = (intervals: readonly Interval[], role: 'canary' | 'baseline', scrapeSeconds: number): MetricSeries => ({
  points: intervals.map((interval, index) => [index * scrapeSeconds, interval[role].errors / interval[role].requests] as const),
  failure: null
});

export interface DetectionFigures {
  readonly scrapeSeconds: number;
  readonly runs: number;
  readonly sequentialSeconds: number;
  readonly flaggerSeconds: number;
  readonly ratio: number;
}

function detection(scrapeSeconds: number): DetectionFigures {
  const sequential: number[] = [];
  const flagger: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const intervals = traffic(seededRandom(500 + run), 900, scrapeSeconds, BAD_RATE, GOOD_RATE);
    sequential.push(sequentialDetection(intervals, scrapeSeconds) ?? Infinity);
    flagger.push(flaggerDetection(intervals, scrapeSeconds) ?? Infinity);
  }
  const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const sequentialSeconds = middle(sequential);
  const flaggerSeconds = middle(flagger);
  return { scrapeSeconds, runs: RUNS, sequentialSeconds, flaggerSeconds, ratio: flaggerSeconds / sequentialSeconds };
}

export interface FalseRollbackFigures {
  readonly runs: number;
  /** Stopped early by the sequential test. */
  readonly sequential: number;
  /** Failed by the window-end judge (default options: no threshold). */
  readonly judge: number;
  /** Failed by the window-end judge with a 1.5 × relative threshold. */
  readonly judgeWithTolerance: number;
  /** Any of the above with the default options: what Shipdeck would have rolled back. */
  readonly shipdeck: number;
  readonly flagger: number;
  readonly inconclusive: number;
}

function falseRollbacks(): FalseRollbackFigures {
  const scrapeSeconds = 10;
  let sequential = 0;
  let judge = 0;
  let judgeWithTolerance = 0;
  let shipdeck = 0;
  let flagger = 0;
  let inconclusive = 0;
  for (let run = 0; run < RUNS; run++) {
    const intervals = traffic(seededRandom(9000 + run), STEP_SECONDS, scrapeSeconds, GOOD_RATE, GOOD_RATE);
    const early = sequentialDetection(intervals, scrapeSeconds) !== null;
    const baseline = rateSeries(intervals, 'baseline', scrapeSeconds);
    const canary = rateSeries(intervals, 'canary', scrapeSeconds);
    const verdict = judgeMetric(baseline, canary, { ...DEFAULT_JUDGE_OPTIONS, confidence: CONFIDENCE, metric: 'error-rate' }).verdict;
    const tolerant = judgeMetric(baseline, canary, { ...DEFAULT_JUDGE_OPTIONS, confidence: CONFIDENCE, thresholds: { relative: 1.5 }, metric: 'error-rate' }).verdict;
    if (early) sequential++;
    if (verdict === 'fail') judge++;
    if (verdict === 'inconclusive') inconclusive++;
    if (tolerant === 'fail') judgeWithTolerance++;
    if (early || verdict === 'fail') shipdeck++;
    if (flaggerDetection(intervals, scrapeSeconds) !== null) flagger++;
  }
  return { runs: RUNS, sequential, judge, judgeWithTolerance, shipdeck, flagger, inconclusive };
}

export interface AaFigures {
  readonly experiments: number;
  readonly visitorsPerVariant: number;
  readonly looks: number;
  readonly fixedHorizon: number;
  readonly sequential: number;
  readonly naivePeeking: number;
}

/** 100 A/A experiments at a 10 % conversion rate, planned for a 2-point effect, looked at every 200 visitors per variant. */
function aaExperiments(): AaFigures {
  const experiments = 100;
  const batch = 200;
  const rate = 0.1;
  const minimumEffect = 0.02;
  const planned = fixedHorizonSampleSize(rate, minimumEffect, CONFIDENCE, 0.8);
  const looks = Math.ceil(planned / batch);
  let fixedHorizon = 0;
  let sequential = 0;
  let naivePeeking = 0;
  for (let experiment = 0; experiment < experiments; experiment++) {
    const random = seededRandom(70_000 + experiment);
    const a = { visitors: 0, conversions: 0 };
    const b = { visitors: 0, conversions: 0 };
    let fixedWinner = false;
    let sequentialWinner = false;
    let peekWinner = false;
    for (let look = 0; look < looks; look++) {
      a.visitors += batch;
      b.visitors += batch;
      a.conversions += random.binomial(batch, rate);
      b.conversions += random.binomial(batch, rate);
      const options = { confidence: CONFIDENCE, minimumEffect };
      const fixed = experimentStatistics({ a, b }, { ...options, design: 'fixed-horizon' });
      const always = experimentStatistics({ a, b }, { ...options, design: 'sequential' });
      if (fixed.verdict === 'A wins' || fixed.verdict === 'B wins') fixedWinner = true;
      if (always.verdict === 'A wins' || always.verdict === 'B wins') sequentialWinner = true;
      if ((fixed.zTestP ?? 1) < 1 - CONFIDENCE) peekWinner = true;
    }
    if (fixedWinner) fixedHorizon++;
    if (sequentialWinner) sequential++;
    if (peekWinner) naivePeeking++;
  }
  return { experiments, visitorsPerVariant: looks * batch, looks, fixedHorizon, sequential, naivePeeking };
}

/** The judge over a 3-hour step of 15-second points (720 a side) for 10 metrics: median of 7 runs. */
async function judgeTiming(): Promise<{ readonly points: number; readonly metrics: number; readonly ms: number }> {
  const points = (3 * 3600) / 15;
  const random = seededRandom(31);
  const metrics = Array.from({ length: 10 }, (_, index) => {
    const level = 0.01 * (index + 1);
    const draw = (): MetricSeries => ({ points: Array.from({ length: points }, (_, i) => [i * 15, level * Math.exp(0.2 * random.normal())] as const), failure: null });
    return { baseline: draw(), canary: draw() };
  });
  const elapsed = await median(7, () => {
    for (const [index, { baseline, canary }] of metrics.entries()) judgeMetric(baseline, canary, { ...DEFAULT_JUDGE_OPTIONS, metric: `metric-${index}` });
  });
  return { points, metrics: metrics.length, ms: elapsed };
}

export interface AnalysisFigures {
  readonly detection: readonly DetectionFigures[];
  readonly falseRollbacks: FalseRollbackFigures;
  readonly aa: AaFigures;
  readonly judge: { readonly points: number; readonly metrics: number; readonly ms: number };
}

export async function analysisBench(): Promise<AnalysisFigures> {
  return { detection: [detection(10), detection(15)], falseRollbacks: falseRollbacks(), aa: aaExperiments(), judge: await judgeTiming() };
}

const seconds = (value: number) => (Number.isFinite(value) ? `${value} s` : 'never');

export function analysisRows(figures: AnalysisFigures): Row[] {
  const { falseRollbacks: good, aa, judge } = figures;
  return [
    ['Canary with 5 % errors vs 0.5 % baseline, 50 requests/s on the canary (median of 20 runs): time to fail it', '', ''],
    ...figures.detection.flatMap((d): Row[] => [
      [`  ${d.scrapeSeconds}-second points: Shipdeck's sequential judge`, seconds(d.sequentialSeconds), '< 60 s'],
      [`  ${d.scrapeSeconds}-second points: Flagger-like check (1-minute interval, 5 failed checks)`, seconds(d.flaggerSeconds), ''],
      ['  ratio', `${d.ratio.toFixed(1)} ×`, '']
    ]),
    [`False rollbacks of a good canary (0.5 % vs 0.5 %), ${good.runs} ten-minute steps: Shipdeck`, `${good.shipdeck} of ${good.runs}`, '0'],
    ['  … stopped early by the sequential test / failed by the window-end judge', `${good.sequential} / ${good.judge}`, ''],
    ['  … window-end judge with a 1.5 × relative threshold / inconclusive (paused)', `${good.judgeWithTolerance} / ${good.inconclusive}`, ''],
    ['  … Flagger-like check', `${good.flagger} of ${good.runs}`, ''],
    [`A/A experiments at 95 % (${aa.experiments}, ${aa.visitorsPerVariant.toLocaleString('en')} visitors a variant, ${aa.looks} looks): false winners, fixed horizon`, `${aa.fixedHorizon} of ${aa.experiments}`, '≈ 5'],
    ['  … sequential (always-valid p-value, checked at every look)', `${aa.sequential} of ${aa.experiments}`, '≤ 5'],
    ['  … a z-test checked at every look (peeking, for comparison)', `${aa.naivePeeking} of ${aa.experiments}`, ''],
    [`The judge on a 3-hour step of 15-second points (${judge.points} a side), ${judge.metrics} metrics`, ms(judge.ms), '< 50 ms']
  ];
}

if (require.main === module) {
  void analysisBench().then((figures) => {
    const rows = analysisRows(figures);
    const width = Math.max(...rows.map((row) => row[0].length));
    for (const [label, value, target] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(12)}  ${target}`);
  });
}
