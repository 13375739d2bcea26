/**
 * The Hodges-Lehmann shift estimate of canary − baseline (the median of all pairwise differences) and
 * its distribution-free interval (order statistics of those differences, chosen from the U distribution,
 * as R's `wilcox.test(conf.int = TRUE)` does for its exact case). A 3-hour step of 15-second points has
 * 720 × 720 differences, so they are never listed: the k-th smallest is selected in O((m + n) log mn)
 * with counts over the two sorted samples (selection in X − Y, after Monahan).
 */
import { sortedCopy } from './descriptive';
import { intervalRank, rankSumsSorted } from './mann-whitney';
import { normalQuantile } from './normal';

export interface HodgesLehmann {
  readonly estimate: number;
  /** null when the samples are too small for an interval at the requested confidence. */
  readonly low: number | null;
  readonly high: number | null;
}

/** How many differences x_i − y_j are ≤ v (strict: < v), both samples sorted ascending. */
function countAtMost(x: Float64Array, y: Float64Array, v: number, strict: boolean): number {
  let count = 0;
  let j = 0;
  // Row i holds x_i − y_j, decreasing in j; the first j that qualifies only moves right as x_i grows.
  for (const xi of x) {
    while (j < y.length && (strict ? xi - (y[j] as number) >= v : xi - (y[j] as number) > v)) j++;
    count += y.length - j;
  }
  return count;
}

function isAscending(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[i - 1] as number)) return false;
  return true;
}

/** A small deterministic generator for pivots: the result is exact whatever the pivots are. */
function pivotPicker(): (bound: number) => number {
  let state = 0x9e3779b9;
  return (bound) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * bound);
  };
}

const SAMPLE_SIZE = 512;

/** The first index with prefix[index] > r (prefix ascending, prefix[0] = 0). */
function rowOf(prefix: Int32Array, r: number): number {
  let low = 0;
  let high = prefix.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((prefix[middle] as number) <= r) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * The k-th smallest (1-based) of all differences x_i − y_j, both samples sorted ascending. Each round
 * samples the differences still in play, takes two pivots around where the k-th should fall, and keeps
 * only the differences between them (Floyd-Rivest style): a few rounds of O(m + n) counting each.
 */
export function kthDifference(x: Float64Array, y: Float64Array, k: number): number {
  const m = x.length;
  const n = y.length;
  if (k < 1 || k > m * n) throw new RangeError(`k must be within 1..${m * n}, got ${k}`);
  // Candidates of row i are j in [from[i], to[i]); row i's differences decrease as j grows.
  const from = new Int32Array(m);
  const to = new Int32Array(m).fill(n);
  const prefix = new Int32Array(m + 1);
  const sample = new Float64Array(SAMPLE_SIZE);
  const pick = pivotPicker();
  let below = 0;
  const difference = (i: number, j: number): number => (x[i] as number) - (y[j] as number);
  /** Keeps differences > v: row i keeps the j before its first difference ≤ v (that j only grows with i). */
  const keepAbove = (v: number): void => {
    let j = 0;
    for (let i = 0; i < m; i++) {
      while (j < n && difference(i, j) > v) j++;
      if (j < (to[i] as number)) to[i] = j;
    }
  };
  /** Keeps differences < v: row i keeps the j from its first difference < v on. */
  const keepBelow = (v: number): void => {
    let j = 0;
    for (let i = 0; i < m; i++) {
      while (j < n && difference(i, j) >= v) j++;
      if (j > (from[i] as number)) from[i] = j;
    }
  };
  for (;;) {
    for (let i = 0; i < m; i++) prefix[i + 1] = (prefix[i] as number) + Math.max(0, (to[i] as number) - (from[i] as number));
    const remaining = prefix[m] as number;
    if (remaining <= 256) {
      const candidates = new Float64Array(remaining);
      let at = 0;
      for (let i = 0; i < m; i++) for (let j = from[i] as number; j < (to[i] as number); j++) candidates[at++] = difference(i, j);
      candidates.sort();
      return candidates[k - below - 1] as number;
    }
    for (let s = 0; s < SAMPLE_SIZE; s++) {
      const r = pick(remaining);
      const row = rowOf(prefix, r);
      sample[s] = difference(row, (from[row] as number) + r - (prefix[row] as number));
    }
    sample.sort();
    const position = ((k - below) / remaining) * SAMPLE_SIZE;
    const margin = 2 * Math.sqrt(SAMPLE_SIZE);
    const low = sample[Math.max(0, Math.floor(position - margin))] as number;
    const high = sample[Math.min(SAMPLE_SIZE - 1, Math.ceil(position + margin))] as number;
    const atMostLow = countAtMost(x, y, low, false);
    if (atMostLow >= k) {
      if (countAtMost(x, y, low, true) < k) return low;
      keepBelow(low);
      continue;
    }
    keepAbove(low);
    below = atMostLow;
    const atMostHigh = countAtMost(x, y, high, false);
    if (atMostHigh < k) {
      keepAbove(high);
      below = atMostHigh;
      continue;
    }
    if (countAtMost(x, y, high, true) < k) return high;
    keepBelow(high);
  }
}

/** The smallest difference above v, given how many are ≤ v (used for the second middle of an even count). */
function nextDifference(x: Float64Array, y: Float64Array, v: number): number {
  let next = Infinity;
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    while (j < y.length && (x[i] as number) - (y[j] as number) > v) j++;
    // Row i's differences above v are its j before this one; the smallest of them is the last.
    if (j > 0) next = Math.min(next, (x[i] as number) - (y[j - 1] as number));
  }
  return next;
}

/**
 * Hodges-Lehmann estimate of x − y with its two-sided `confidence` interval.
 * The interval's rank comes from the exact U distribution where SciPy's 'auto' would use it, otherwise
 * from the tie-corrected normal approximation with a continuity correction.
 */
export function hodgesLehmann(xValues: ArrayLike<number>, yValues: ArrayLike<number>, confidence: number): HodgesLehmann {
  const x = xValues instanceof Float64Array && isAscending(xValues) ? xValues : sortedCopy(xValues);
  const y = yValues instanceof Float64Array && isAscending(yValues) ? yValues : sortedCopy(yValues);
  const pairs = x.length * y.length;
  const middle = Math.floor((pairs + 1) / 2);
  const lowerMiddle = kthDifference(x, y, middle);
  let estimate = lowerMiddle;
  if (pairs % 2 === 0) {
    const upperMiddle = countAtMost(x, y, lowerMiddle, false) > middle ? lowerMiddle : nextDifference(x, y, lowerMiddle);
    estimate = (lowerMiddle + upperMiddle) / 2;
  }
  const { tieTerm, hasTies } = rankSumsSorted(x, y);
  const k = intervalRank(x.length, y.length, tieTerm, hasTies, confidence, normalQuantile);
  if (k < 1 || k > pairs + 1 - k) return { estimate, low: null, high: null };
  return { estimate, low: kthDifference(x, y, k), high: kthDifference(x, y, pairs + 1 - k) };
}
