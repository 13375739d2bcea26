/**
 * The Hodges-Lehmann shift estimate of canary − baseline (the median of all pairwise differences) and
 * its distribution-free interval (order statistics of those differences, chosen from the U distribution,
 * as R's `wilcox.test(conf.int = TRUE)` does for its exact case). A 3-hour step of 15-second points has
 * 720 × 720 differences, so they are never listed: the k-th smallest is selected in O((m + n) log mn)
 * with counts over the two sorted samples (selection in X − Y, after Monahan).
 */
import { intervalRank, rankSums } from './mann-whitney';
import { normalQuantile } from './normal';

export interface HodgesLehmann {
  readonly estimate: number;
  /** null when the samples are too small for an interval at the requested confidence. */
  readonly low: number | null;
  readonly high: number | null;
}

/** How many differences x_i − y_j are ≤ v (strict: < v), both samples sorted ascending. */
function countAtMost(x: readonly number[], y: readonly number[], v: number, strict: boolean): number {
  let count = 0;
  let j = 0;
  // Row i holds x_i − y_j, decreasing in j; the first j that qualifies only moves right as x_i grows.
  for (const xi of x) {
    while (j < y.length && (strict ? xi - (y[j] as number) >= v : xi - (y[j] as number) > v)) j++;
    count += y.length - j;
  }
  return count;
}

/** A small deterministic generator for pivots: the result is exact whatever the pivots are. */
function pivotPicker(): (bound: number) => number {
  let state = 0x9e3779b9;
  return (bound) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * bound);
  };
}

/** The k-th smallest (1-based) of all differences x_i − y_j, both samples sorted ascending. */
export function kthDifference(x: readonly number[], y: readonly number[], k: number): number {
  const m = x.length;
  const n = y.length;
  if (k < 1 || k > m * n) throw new RangeError(`k must be within 1..${m * n}, got ${k}`);
  // Candidates of row i are j in [from[i], to[i]): those above the low bound and below the high bound.
  const from = new Int32Array(m);
  const to = new Int32Array(m).fill(n);
  let below = 0;
  const pick = pivotPicker();
  for (;;) {
    let remaining = 0;
    for (let i = 0; i < m; i++) remaining += (to[i] as number) - (from[i] as number);
    if (remaining <= Math.max(64, 2 * (m + n))) {
      const candidates: number[] = [];
      for (let i = 0; i < m; i++) for (let j = from[i] as number; j < (to[i] as number); j++) candidates.push((x[i] as number) - (y[j] as number));
      candidates.sort((a, b) => a - b);
      return candidates[k - below - 1] as number;
    }
    let r = pick(remaining);
    let row = 0;
    while (r >= (to[row] as number) - (from[row] as number)) {
      r -= (to[row] as number) - (from[row] as number);
      row++;
    }
    const pivot = (x[row] as number) - (y[(from[row] as number) + r] as number);
    const atMost = countAtMost(x, y, pivot, false);
    const lessThan = countAtMost(x, y, pivot, true);
    if (lessThan < k && k <= atMost) return pivot;
    if (atMost < k) {
      // Keep only differences > pivot: row i drops its j with x_i − y_j ≤ pivot (a suffix of the row).
      let j = 0;
      for (let i = 0; i < m; i++) {
        while (j < n && (x[i] as number) - (y[j] as number) > pivot) j++;
        to[i] = Math.min(to[i] as number, j);
      }
      below = atMost;
    } else {
      // Keep only differences < pivot: row i drops its j with x_i − y_j ≥ pivot (a prefix of the row).
      let j = 0;
      for (let i = 0; i < m; i++) {
        while (j < n && (x[i] as number) - (y[j] as number) >= pivot) j++;
        from[i] = Math.max(from[i] as number, j);
      }
    }
  }
}

/**
 * Hodges-Lehmann estimate of x − y with its two-sided `confidence` interval; x and y sorted ascending.
 * The interval's rank comes from the exact U distribution where SciPy's 'auto' would use it, otherwise
 * from the tie-corrected normal approximation with a continuity correction.
 */
export function hodgesLehmann(x: readonly number[], y: readonly number[], confidence: number): HodgesLehmann {
  const pairs = x.length * y.length;
  const middle = Math.floor((pairs + 1) / 2);
  const estimate = pairs % 2 === 1 ? kthDifference(x, y, middle) : (kthDifference(x, y, middle) + kthDifference(x, y, middle + 1)) / 2;
  const { tieTerm, hasTies } = rankSums(x, y);
  const k = intervalRank(x.length, y.length, tieTerm, hasTies, confidence, normalQuantile);
  if (k < 1 || k > pairs + 1 - k) return { estimate, low: null, high: null };
  return { estimate, low: kthDifference(x, y, k), high: kthDifference(x, y, pairs + 1 - k) };
}
