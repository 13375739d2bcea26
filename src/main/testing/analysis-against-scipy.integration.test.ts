// The judge's statistics against SciPy (Debian's python3-scipy): the same numbers from a second,
// independent implementation. The judge itself lives in src/shared/domain/analysis/.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../shared/domain/analysis';
import { allTopFromOneSide } from '../../shared/domain/analysis/exceedance';
import { experimentStatistics, fixedHorizonSampleSize, type ExperimentCounts } from '../../shared/domain/analysis/experiment';
import { hodgesLehmann } from '../../shared/domain/analysis/hodges-lehmann';
import { DEFAULT_JUDGE_OPTIONS, judgeMetric } from '../../shared/domain/analysis/judge-metric';
import { mannWhitneyU, type Alternative } from '../../shared/domain/analysis/mann-whitney';
import { normalQuantile, normalSf } from '../../shared/domain/analysis/normal';
import { seededRandom } from '../../shared/domain/analysis/random';
import { requireComponent } from './components';
import { runPython, scipyAnswers } from './scipy';

const available = await requireComponent('scipy', scipyAnswers);

/** |actual − expected| within a relative tolerance, with an absolute floor for values near 0. */
function expectClose(actual: number | null, expected: number, label: string, relative = 1e-6, absolute = 1e-12): void {
  expect(actual, label).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${label}: ${actual} vs SciPy ${expected}`).toBeLessThanOrEqual(Math.max(absolute, relative * Math.abs(expected)));
}

const random = seededRandom(20240917);
const normals = (count: number, center = 0, scale = 1) => Array.from({ length: count }, () => center + scale * random.normal());
const integers = (count: number, top: number) => Array.from({ length: count }, () => Math.floor(random.next() * top));

// Recorded-like series: Kayenta's published cases, small exact ones, tied ones, large ones.
const SAMPLES: readonly (readonly [string, number[], number[]])[] = [
  ['kayenta#780', [1, 100, 4, 101, 5, 102, 6, 103, 7, 104, 8, 105, 9, 106, 17], [10, 10.1, 10.2, 10.3, 10.4, 10.5, 10.6, 17, 17.1, 17.2, 17.3, 17.4, 17.5, 17.6, 17.7]],
  ['spinnaker#6278', [100, 100, 100, 100, 100, 100, 100, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
  ['kayenta#426', [0, 1, 2, 1, 0, 0], [0, 0, 0, 0, 0, 0]],
  ['exact 3 vs 4', [1.5, 2.25, 3.75], [4.5, 5.1, 6.2, 7.3]],
  ['exact 8 vs 8', normals(8, 0.8), normals(8)],
  ['exact 5 vs 200', normals(5, 1), normals(200)],
  ['exact 8 vs 30, overlapping', normals(8, 0.2), normals(30)],
  ['asymptotic 9 vs 9', normals(9, 0.5), normals(9)],
  ['asymptotic 40 vs 40', normals(40, 0.3), normals(40)],
  ['ties 30 vs 25 (integers)', integers(30, 6), integers(25, 5)],
  ['ties 6 vs 6 small', integers(6, 3), integers(6, 3)],
  ['all tied', [2, 2, 2, 2], [2, 2, 2]],
  ['720 vs 720 (3-hour step)', normals(720, 0.02), normals(720)]
];
const ALTERNATIVES: readonly Alternative[] = ['two-sided', 'greater', 'less'];

interface Reference {
  normal: { sf: number[]; ppf: number[] };
  mannWhitney: { u: number; p: number }[][];
  hodgesLehmann: { estimate: number; low: number | null; high: number | null }[];
  inversion: { lowOut: number; lowIn: number; highIn: number; highOut: number }[];
  hypergeometric: number[];
  experiments: { z: number; p: number; low: number; high: number; planned: number; alwaysValidP: number; sequentialLow: number; sequentialHigh: number }[];
}

const Z_VALUES = [-6, -2.5, -0.5, 0, 0.3, 1.2815515655446004, 1.96, 3.1, 5.5];
const PROBABILITIES = [0.01, 0.2, 0.5, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9995];
// 3 vs 4 is too small for a 95 % interval (its smallest one-sided p is 1/35).
const EXACT_CASES = SAMPLES.filter(([name]) => name.startsWith('exact') && name !== 'exact 3 vs 4');
const HYPERGEOMETRIC: readonly [number, number, number][] = [
  [10, 10, 7],
  [15, 15, 7],
  [30, 30, 6],
  [6, 6, 3],
  [40, 720, 2]
];
const EXPERIMENTS: readonly [ExperimentCounts, ExperimentCounts, number, number][] = [
  [{ visitors: 4000, conversions: 400 }, { visitors: 4100, conversions: 470 }, 0.95, 0.02],
  [{ visitors: 1200, conversions: 30 }, { visitors: 1150, conversions: 22 }, 0.9, 0.01],
  [{ visitors: 52000, conversions: 2600 }, { visitors: 51000, conversions: 2700 }, 0.99, 0.005]
];
const CONFIDENCE = 0.95;

const SCRIPT = String.raw`
import json, sys, math
import numpy as np
from scipy import stats
from scipy.stats import norm

data = json.load(sys.stdin)
out = {}
out['normal'] = {'sf': [float(norm.sf(z)) for z in data['z']], 'ppf': [float(norm.ppf(p)) for p in data['p']]}

out['mannWhitney'] = [
  [(lambda r: {'u': float(r.statistic), 'p': float(r.pvalue)})(stats.mannwhitneyu(x, y, alternative=alt, method='auto')) for alt in data['alternatives']]
  for x, y in data['samples']
]

def tie_sigma(x, y):
  n1, n2 = len(x), len(y); n = n1 + n2
  _, counts = np.unique(np.concatenate([x, y]), return_counts=True)
  return math.sqrt(n1 * n2 / 12 * ((n + 1) - float(np.sum(counts**3 - counts)) / (n * (n - 1))))

def hodges_lehmann(x, y, confidence):
  x, y = np.asarray(x, float), np.asarray(y, float)
  d = np.sort(np.subtract.outer(x, y).ravel())
  mn = len(d)
  estimate = float(np.median(d))
  has_ties = len(np.unique(np.concatenate([x, y]))) < len(x) + len(y)
  if not (len(x) > 8 and len(y) > 8) and not has_ties:
    return {'estimate': estimate, 'low': None, 'high': None}  # exact: checked by inversion below
  k = math.floor(mn / 2 + 0.5 - norm.ppf(1 - (1 - confidence) / 2) * tie_sigma(x, y))
  if k < 1: return {'estimate': estimate, 'low': None, 'high': None}
  return {'estimate': estimate, 'low': float(d[k - 1]), 'high': float(d[mn - k])}

out['hodgesLehmann'] = [hodges_lehmann(x, y, data['confidence']) for x, y in data['samples']]

def inversion(x, y, low, high):
  x, y = np.asarray(x, float), np.asarray(y, float)
  d = np.unique(np.subtract.outer(x, y).ravel())
  eps = float(np.min(np.diff(d))) / 4
  p = lambda shift: float(stats.mannwhitneyu(x - shift, y, alternative='two-sided', method='exact').pvalue)
  return {'lowOut': p(low - eps), 'lowIn': p(low + eps), 'highIn': p(high - eps), 'highOut': p(high + eps)}

out['inversion'] = [inversion(x, y, low, high) for x, y, low, high in data['exact']]
out['hypergeometric'] = [float(stats.hypergeom.pmf(k, n + m, n, k)) for n, m, k in data['hypergeometric']]

def experiment(a, b, confidence, effect, power):
  na, xa, nb, xb = a['visitors'], a['conversions'], b['visitors'], b['conversions']
  pa, pb = xa / na, xb / nb
  diff = pb - pa
  pooled = (xa + xb) / (na + nb)
  v0 = pooled * (1 - pooled) * (1 / na + 1 / nb)
  z = diff / math.sqrt(v0)
  vu = pa * (1 - pa) / na + pb * (1 - pb) / nb
  alpha = 1 - confidence
  half = norm.ppf(1 - alpha / 2) * math.sqrt(vu)
  p1, p2 = pa, pa + effect
  pbar = (p1 + p2) / 2
  root = norm.ppf(1 - alpha / 2) * math.sqrt(2 * pbar * (1 - pbar)) + norm.ppf(power) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
  tau2 = effect ** 2
  lam = math.sqrt(v0 / (v0 + tau2)) * math.exp(tau2 * diff ** 2 / (2 * v0 * (v0 + tau2)))
  width = math.sqrt(vu * (vu + tau2) / tau2 * (2 * math.log(1 / alpha) + math.log((vu + tau2) / vu)))
  return {'z': z, 'p': float(2 * norm.sf(abs(z))), 'low': diff - half, 'high': diff + half, 'planned': math.ceil(root ** 2 / effect ** 2),
          'alwaysValidP': min(1.0, 1 / lam), 'sequentialLow': diff - width, 'sequentialHigh': diff + width}

out['experiments'] = [experiment(a, b, c, e, 0.8) for a, b, c, e in data['experiments']]
print(json.dumps(out))
`;

describe.skipIf(!available)('the judge against SciPy', () => {
  let reference: Reference;
  const exactIntervals = EXACT_CASES.map(([, x, y]) => hodgesLehmann(x, y, CONFIDENCE));

  beforeAll(() => {
    reference = runPython<Reference>(SCRIPT, {
      z: Z_VALUES,
      p: PROBABILITIES,
      alternatives: ALTERNATIVES,
      samples: SAMPLES.map(([, x, y]) => [x, y]),
      confidence: CONFIDENCE,
      exact: EXACT_CASES.map(([, x, y], index) => [x, y, exactIntervals[index]?.low, exactIntervals[index]?.high]),
      hypergeometric: HYPERGEOMETRIC,
      experiments: EXPERIMENTS
    });
  });

  it('normal tail and quantiles match scipy.stats.norm', () => {
    Z_VALUES.forEach((z, index) => expectClose(normalSf(z), reference.normal.sf[index] as number, `sf(${z})`, 1e-6, 1e-15));
    PROBABILITIES.forEach((p, index) => expectClose(normalQuantile(p), reference.normal.ppf[index] as number, `ppf(${p})`, 0, 1e-6));
  });

  it("Mann-Whitney U and p-values match scipy.stats.mannwhitneyu(method='auto') for every alternative", () => {
    SAMPLES.forEach(([name, x, y], sample) => {
      ALTERNATIVES.forEach((alternative, index) => {
        const ours = mannWhitneyU(x, y, alternative);
        const theirs = reference.mannWhitney[sample]?.[index] as { u: number; p: number };
        expect(ours.u, `${name} U`).toBe(theirs.u);
        expectClose(ours.p, theirs.p, `${name} ${alternative} p (${ours.method})`);
      });
    });
  });

  it('Hodges-Lehmann estimates and normal-approximation intervals match NumPy over every pairwise difference', () => {
    SAMPLES.forEach(([name, x, y], sample) => {
      const ours = hodgesLehmann(x, y, CONFIDENCE);
      const theirs = reference.hodgesLehmann[sample] as Reference['hodgesLehmann'][number];
      expectClose(ours.estimate, theirs.estimate, `${name} estimate`);
      if (theirs.low !== null) {
        expect([ours.low, ours.high], `${name} interval`).toEqual([theirs.low, theirs.high]);
      }
    });
  });

  it("exact Hodges-Lehmann intervals are exactly the shifts SciPy's exact test does not reject", () => {
    EXACT_CASES.forEach(([name], index) => {
      const check = reference.inversion[index] as Reference['inversion'][number];
      const alpha = 1 - CONFIDENCE;
      expect(check.lowOut, `${name}: just below the interval`).toBeLessThanOrEqual(alpha);
      expect(check.lowIn, `${name}: just inside, low end`).toBeGreaterThan(alpha);
      expect(check.highIn, `${name}: just inside, high end`).toBeGreaterThan(alpha);
      expect(check.highOut, `${name}: just above the interval`).toBeLessThanOrEqual(alpha);
    });
  });

  it('the chance of k canary points beyond the baseline is the hypergeometric probability', () => {
    HYPERGEOMETRIC.forEach(([n, m, k], index) => expectClose(allTopFromOneSide(n, m, k), reference.hypergeometric[index] as number, `${k} of ${n} above ${m}`, 1e-9));
  });

  it("the judge's numbers for Kayenta's published cases are SciPy's", () => {
    const series = (values: readonly number[]): MetricSeries => ({ points: values.map((value, index) => [index, value] as const), failure: null });
    SAMPLES.slice(0, 3).forEach(([name, canary, baseline], sample) => {
      const verdict = judgeMetric(series(baseline), series(canary), { ...DEFAULT_JUDGE_OPTIONS, minPoints: 5, metric: name });
      expectClose(verdict.numbers.pValue ?? null, (reference.mannWhitney[sample]?.[1] as { p: number }).p, `${name} one-sided p`);
      expectClose(verdict.numbers.hodgesLehmann ?? null, (reference.hodgesLehmann[sample] as { estimate: number }).estimate, `${name} Hodges-Lehmann`);
    });
  });

  it('A/B statistics match a two-proportion z-test, Wald interval, sample size and mixture SPRT computed with scipy.stats.norm', () => {
    EXPERIMENTS.forEach(([a, b, confidence, minimumEffect], index) => {
      const theirs = reference.experiments[index] as Reference['experiments'][number];
      const fixed = experimentStatistics({ a, b }, { confidence, minimumEffect, design: 'fixed-horizon' });
      const sequential = experimentStatistics({ a, b }, { confidence, minimumEffect, design: 'sequential' });
      expectClose(fixed.zScore, theirs.z, `experiment ${index} z`);
      expectClose(fixed.zTestP, theirs.p, `experiment ${index} p`);
      expectClose(fixed.difference.low, theirs.low, `experiment ${index} low`);
      expectClose(fixed.difference.high, theirs.high, `experiment ${index} high`);
      expect(fixedHorizonSampleSize(a.conversions / a.visitors, minimumEffect, confidence, 0.8)).toBe(theirs.planned);
      expectClose(sequential.alwaysValidP, theirs.alwaysValidP, `experiment ${index} always-valid p`);
      expectClose(sequential.difference.low, theirs.sequentialLow, `experiment ${index} sequential low`);
      expectClose(sequential.difference.high, theirs.sequentialHigh, `experiment ${index} sequential high`);
    });
  });
});
