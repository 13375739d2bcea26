// `shipdeck judge` as someone replays a canary from recorded series: the real CLI, real files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricVerdict } from '../../../shared/domain/analysis';

const entry = path.join(__dirname, '..', 'index.ts');
let dir: string;

function shipdeck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args, '--data-dir', path.join(dir, 'data')], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a file in the test folder and returns its path. */
function file(name: string, content: string): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, content);
  return at;
}

const lines = (values: readonly (number | string)[]) => `${values.join('\n')}\n`;
const ones = lines(Array.from({ length: 10 }, () => 1));

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-judge-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('shipdeck judge', () => {
  it('fails 7 of 10 points at 100× the baseline: exit 1, the reason and the numbers', () => {
    const result = shipdeck('judge', '--baseline', file('baseline.txt', ones), '--canary', file('canary.txt', lines([100, 100, 100, 100, 100, 100, 100, 1, 1, 1])));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}value is higher on the canary: mean 70\.3 against 1/);
    expect(result.stdout).toMatch(/Mann-Whitney U 85, p 0\.000808; Hodges-Lehmann shift 99/);
  });

  it('passes alike series given as JSON [timestamp, value] pairs (values as Prometheus prints them): exit 0', () => {
    const pairs = (values: readonly number[]) => JSON.stringify(values.map((value, index) => [1_700_000_000 + 15 * index, String(value)]));
    const baseline = [0.21, 0.2, 0.22, 0.19, 0.2, 0.21, 0.23, 0.2, 0.18, 0.2, 0.21, 0.22];
    const canary = [0.2, 0.22, 0.19, 0.21, 0.2, 0.2, 0.22, 0.21, 0.19, 0.2, 0.23, 0.2];
    const result = shipdeck('judge', '--baseline', file('b.json', pairs(baseline)), '--canary', file('c.json', pairs(canary)), '--json');
    expect(result.code).toBe(0);
    const verdict = JSON.parse(result.stdout) as MetricVerdict;
    expect(verdict).toMatchObject({ verdict: 'pass', numbers: { canaryPoints: 12, baselinePoints: 12, confidence: 0.95 } });
  });

  it('is inconclusive (exit 3) for an empty file or NaN measurements: a failed measurement is never a pass', () => {
    const baseline = file('good.txt', lines(Array.from({ length: 12 }, (_, i) => 0.01 * (1 + (i % 3)))));
    const empty = shipdeck('judge', '--baseline', baseline, '--canary', file('empty.txt', ''));
    expect(empty.code).toBe(3);
    expect(empty.stdout).toMatch(/^INCONCLUSIVE {2}value: the canary query failed \(empty\.txt is empty\)/);
    const nan = shipdeck('judge', '--baseline', baseline, '--canary', file('nan.txt', lines(Array.from({ length: 12 }, () => 'NaN'))), '--json');
    expect(nan.code).toBe(3);
    expect((JSON.parse(nan.stdout) as MetricVerdict).warnings).toContain('12 of 12 canary measurements failed (NaN) and were not counted.');
  });

  it('honours --direction decrease and --confidence', () => {
    const baseline = file('throughput-b.txt', lines(Array.from({ length: 12 }, (_, i) => 100 + (i % 4))));
    const canary = file('throughput-c.txt', lines(Array.from({ length: 12 }, (_, i) => 60 + (i % 4))));
    expect(shipdeck('judge', '--baseline', baseline, '--canary', canary).code).toBe(0);
    const lower = shipdeck('judge', '--baseline', baseline, '--canary', canary, '--direction', 'decrease', '--confidence', '0.99', '--json');
    expect(lower.code).toBe(1);
    expect(JSON.parse(lower.stdout) as MetricVerdict).toMatchObject({ verdict: 'fail', numbers: { confidence: 0.99 } });
  });

  it('refuses bad input with exit 2 and one line saying what and how to fix it', () => {
    const good = file('ok.txt', ones);
    const cases: [string[], RegExp][] = [
      [['--baseline', good, '--canary', path.join(dir, 'missing.txt')], /cannot read the --canary file ".*missing\.txt": no such file; pass a readable file/],
      [['--baseline', good, '--canary', file('word.txt', '1\n2\nabc\n')], /line 3 of word\.txt is not a number: "abc" \(write one number per line, NaN for a failed measurement\)/],
      [['--baseline', good, '--canary', file('broken.json', '[[1, 2], [3')], /broken\.json is not valid JSON/],
      [['--baseline', good, '--canary', file('pairs.json', '[[1, 2], [3, "x"]]')], /entry 2 of pairs\.json is not a \[timestamp, value\] pair of numbers/],
      [['--baseline', good], /--canary FILE is required/],
      [['--baseline', good, '--canary', good, '--direction', 'up'], /--direction must be one of increase, decrease, either, got "up"/],
      [['--baseline', good, '--canary', good, '--confidence', '95'], /--confidence must be a number between 0\.5 and 0\.999 \(e\.g\. 0\.95\), got "95"/]
    ];
    for (const [args, message] of cases) {
      const result = shipdeck('judge', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });

  it('is listed in --help with its file format and exit codes', () => {
    const help = shipdeck('--help').stdout;
    expect(help).toContain('judge [--baseline FILE] [--canary FILE] [--direction increase|decrease|either] [--confidence C] [--json]');
    expect(help).toContain('Exit 0 pass, 1 fail, 3 inconclusive, 2 bad input.');
  });
});
