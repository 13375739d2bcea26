/** Plain descriptive statistics over finite numbers (the judge drops failed measurements first). */

/** An ascending copy as a Float64Array: a native numeric sort, and fast monomorphic reads in the rank code. */
export const sortedCopy = (values: ArrayLike<number>): Float64Array => Float64Array.from(values).sort();

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? Number.NaN : sum / values.length;
}

/** Sample standard deviation (n − 1). */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** The p-quantile of sorted values with linear interpolation between order statistics (NumPy's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const low = sorted[below] as number;
  return low + ((sorted[above] as number) - low) * (position - below);
}

export const medianSorted = (sorted: ArrayLike<number>): number => quantileSorted(sorted, 0.5);

/** The median absolute deviation from the median (unscaled). */
export function medianAbsoluteDeviation(values: readonly number[], median: number): number {
  return medianSorted(sortedCopy(values.map((value) => Math.abs(value - median))));
}
