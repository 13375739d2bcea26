/**
 * How many canary points lie beyond the baseline's extreme, and how likely that many would be by chance.
 * If both series came from one distribution, every ordering of the pooled points is equally likely, so
 * the chance that the top k points are all canary is C(n, k) / C(N, k) — a hypergeometric probability.
 * Ties with the extreme do not count as beyond it, which keeps the test conservative. This is the rule
 * a rank test on the whole series misses when only part of the canary is far off (spinnaker#6278).
 */

export interface Exceedance {
  /** Canary points strictly above the baseline's maximum ('above') or below its minimum ('below'). */
  readonly count: number;
  /** P(at least `count` canary points beyond the extreme) if canary and baseline were alike. */
  readonly p: number;
}

/** P(the k largest of n + m pooled values are all from the n): C(n, k) / C(n + m, k). */
export function allTopFromOneSide(n: number, m: number, k: number): number {
  let p = 1;
  for (let i = 0; i < k; i++) p *= (n - i) / (n + m - i);
  return p;
}

export function exceedance(canary: readonly number[], baselineSorted: Float64Array, side: 'above' | 'below'): Exceedance {
  if (baselineSorted.length === 0) return { count: 0, p: 1 };
  const extreme = side === 'above' ? (baselineSorted.at(-1) as number) : (baselineSorted[0] as number);
  const count = canary.filter((value) => (side === 'above' ? value > extreme : value < extreme)).length;
  return { count, p: allTopFromOneSide(canary.length, baselineSorted.length, count) };
}
