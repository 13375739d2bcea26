/**
 * The Mann-Whitney U test as SciPy's `mannwhitneyu(x, y, alternative, method='auto')` computes it: U of
 * `x`, ranks averaged over ties; the exact null distribution when either sample has at most 8 values and
 * nothing is tied, otherwise the normal approximation with the tie correction and a continuity correction
 * of ½. The normal tail comes from simple-statistics (normal.ts); the exact distribution is counted here
 * (no library has it), as the coefficients of a Gaussian binomial.
 */
import { sortedCopy } from './descriptive';
import { normalSf } from './normal';

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface MannWhitneyResult {
  /** U of x: pairs with x > y, plus half the tied pairs. */
  readonly u: number;
  readonly p: number;
  readonly method: 'exact' | 'asymptotic';
  /** The tie-corrected standard deviation of U under the null (also used for the Hodges-Lehmann interval). */
  readonly sigma: number;
}

export interface RankSums {
  readonly rankSumX: number;
  /** Σ (t³ − t) over groups of tied values. */
  readonly tieTerm: number;
  readonly hasTies: boolean;
}

/** Rank sums of x in x ∪ y with averaged ranks for ties, from both samples sorted ascending (one merge). */
export function rankSumsSorted(xs: Float64Array, ys: Float64Array): RankSums {
  let rankSumX = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  let rank = 1;
  while (i < xs.length || j < ys.length) {
    const value = Math.min(i < xs.length ? (xs[i] as number) : Infinity, j < ys.length ? (ys[j] as number) : Infinity);
    const firstX = i;
    const firstY = j;
    while (i < xs.length && xs[i] === value) i++;
    while (j < ys.length && ys[j] === value) j++;
    const fromX = i - firstX;
    const size = fromX + j - firstY;
    rankSumX += fromX * (rank + (size - 1) / 2);
    tieTerm += size ** 3 - size;
    rank += size;
  }
  return { rankSumX, tieTerm, hasTies: tieTerm > 0 };
}

/** Rank sums of x in x ∪ y with averaged ranks for ties. */
export const rankSums = (x: ArrayLike<number>, y: ArrayLike<number>): RankSums => rankSumsSorted(sortedCopy(x), sortedCopy(y));

/** SciPy's rule for method='auto': exact when either sample has at most 8 values and nothing is tied. */
export const usesExactDistribution = (n1: number, n2: number, hasTies: boolean): boolean => !(n1 > 8 && n2 > 8) && !hasTies;

/** The tie-corrected standard deviation of U under the null. */
export function uSigma(n1: number, n2: number, tieTerm: number): number {
  const n = n1 + n2;
  return Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
}

const distributionCache = new Map<string, Float64Array>();

/**
 * P(U = u) for u = 0..n1·n2 under the null, without ties: the coefficients of the Gaussian binomial
 * [n1+n2 choose m]_q (m the smaller size), divided by C(n1+n2, m). Built as Π (1 − q^(n+i)) / (1 − q^i).
 */
export function exactUDistribution(n1: number, n2: number): Float64Array {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const key = `${m}:${n}`;
  const cached = distributionCache.get(key);
  if (cached) return cached;
  const degree = m * n;
  const counts = new Float64Array(degree + 1);
  counts[0] = 1;
  let currentDegree = 0;
  for (let i = 1; i <= m; i++) {
    const shift = n + i;
    const nextDegree = currentDegree + n;
    // × (1 − q^(n+i)), highest first so each reads the old value; terms above the quotient's degree are
    // not needed to divide.
    for (let k = nextDegree; k >= shift; k--) counts[k] = (counts[k] as number) - (counts[k - shift] as number);
    // ÷ (1 − q^i): a running sum with stride i.
    for (let k = i; k <= nextDegree; k++) counts[k] = (counts[k] as number) + (counts[k - i] as number);
    currentDegree = nextDegree;
  }
  let total = 0;
  for (const count of counts) total += count;
  for (let k = 0; k <= degree; k++) counts[k] = (counts[k] as number) / total;
  if (distributionCache.size > 64) distributionCache.clear();
  distributionCache.set(key, counts);
  return counts;
}

/** P(U ≥ u) from the exact distribution (u an integer), summing the smaller tail. */
function exactSf(distribution: Float64Array, u: number): number {
  const top = distribution.length - 1;
  if (u <= 0) return 1;
  if (u > top) return 0;
  if (u > top / 2) {
    let tail = 0;
    for (let k = top; k >= u; k--) tail += distribution[k] as number;
    return tail;
  }
  let below = 0;
  for (let k = 0; k < u; k++) below += distribution[k] as number;
  return 1 - below;
}

export const mannWhitneyU = (x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative): MannWhitneyResult =>
  mannWhitneyUSorted(sortedCopy(x), sortedCopy(y), alternative);

/** The same, from both samples sorted ascending. */
export function mannWhitneyUSorted(xs: Float64Array, ys: Float64Array, alternative: Alternative): MannWhitneyResult {
  const n1 = xs.length;
  const n2 = ys.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('the Mann-Whitney test needs at least one value on each side');
  const { rankSumX, tieTerm, hasTies } = rankSumsSorted(xs, ys);
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const [u, factor] = alternative === 'greater' ? [u1, 1] : alternative === 'less' ? [u2, 1] : [Math.max(u1, u2), 2];
  const sigma = uSigma(n1, n2, tieTerm);
  const exact = usesExactDistribution(n1, n2, hasTies);
  let p: number;
  if (exact) {
    p = exactSf(exactUDistribution(n1, n2), Math.round(u));
  } else {
    const z = (u - (n1 * n2) / 2 - 0.5) / sigma;
    p = normalSf(z);
  }
  return { u: u1, p: Math.min(1, Math.max(0, p * factor)), method: exact ? 'exact' : 'asymptotic', sigma };
}

/**
 * The smallest order-statistic index k (1-based) for a two-sided `confidence` interval of the shift from
 * the U distribution: the largest k with P(U ≤ k − 1) ≤ α/2. Zero when no interval reaches `confidence`.
 */
export function intervalRank(n1: number, n2: number, tieTerm: number, hasTies: boolean, confidence: number, quantile: (p: number) => number): number {
  const halfAlpha = (1 - confidence) / 2;
  if (usesExactDistribution(n1, n2, hasTies)) {
    const distribution = exactUDistribution(n1, n2);
    let cumulative = 0;
    let k = 0;
    for (let u = 0; u < distribution.length; u++) {
      cumulative += distribution[u] as number;
      if (cumulative > halfAlpha) break;
      k = u + 1;
    }
    return k;
  }
  const z = quantile(1 - halfAlpha);
  return Math.max(0, Math.floor((n1 * n2) / 2 + 0.5 - z * uSigma(n1, n2, tieTerm)));
}
