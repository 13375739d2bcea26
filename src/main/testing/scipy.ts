/**
 * SciPy as a reference for the judge's statistics in tests: one `python3 -c` run per call, JSON in on
 * stdin and JSON out on stdout. Gate the tests with `requireComponent('scipy', scipyAnswers)`.
 */
import { spawnSync } from 'node:child_process';

export async function scipyAnswers(): Promise<boolean> {
  const probe = spawnSync('python3', ['-c', 'import scipy.stats, numpy'], { encoding: 'utf8', timeout: 30_000 });
  return probe.status === 0;
}

/** Runs `script` (which reads `json.load(sys.stdin)` and prints one JSON document) and returns what it printed. */
export function runPython<T>(script: string, input: unknown): T {
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python3 failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
