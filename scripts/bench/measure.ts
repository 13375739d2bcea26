/** Timing helpers: medians over repeated runs, so one slow run (GC, disk) does not decide a figure. */
export async function median(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
