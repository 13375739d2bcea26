// Releases under a steady load of 250 requests/s through the environment's public port (nginx), on the
// real Docker engine, with the local version-server images (the body of `/` is the version):
// - blue-green rollback 2.0.0 → 1.0.0: from the command to 100 % of responses from 1.0.0, and failed
//   requests (no response or 5xx); the blue-green deploy before each rollback is measured the same way;
// - a rolling deploy of 4 instances and a canary 5 → 25 → 50 → 100 % (every gate continued at once):
//   failed requests;
// - what a user would otherwise do by hand, in the same run: `docker stop` of the new container and
//   `docker run` of the old image on the same 127.0.0.1 port (no nginx); time to restore and failed requests.
// Both sides run their containers with an init process (Shipdeck's runtime sets Init; `--init` by hand),
// so `docker stop` is not the 10 s wait of a PID 1 that ignores SIGTERM.
// Run alone: `node --import tsx scripts/bench/releases.ts` (or `npm run bench -- releases`).
import { execFile } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { promisify } from 'node:util';
import type { ReleaseDetail } from '../../src/shared/domain/releases';
import { dockerAnswers } from '../../src/main/testing/docker-fixtures';
import { failedSamples, settledOn, startLoad, type LoadSample, type RunningLoad } from '../../src/main/testing/load-generator';
import { createReleaseFixture, freePort, type ReleaseFixture } from '../../src/main/testing/release-fixture';
import { ms } from './measure';

const execFileAsync = promisify(execFile);

export const REQUESTS_PER_SECOND = 250;
/** Upper bound of every phase under load. */
const PHASE_SECONDS = 15;
/** How long responses must stay on one version before a phase counts as settled. */
const STABLE_MS = 1000;
const WARM_UP_MS = 1000;
const OLD = '1.0.0';
const NEW = '2.0.0';
const ROLLING_INSTANCES = 4;
const CANARY_STEPS = [5, 25, 50, 100];

/** What the load saw during one phase. */
export interface LoadFigures {
  readonly requests: number;
  /** No response, or a 5xx. */
  readonly failed: number;
  /** Sent a second time (as browsers do) because the kept-alive connection closed before any answer; counted once, failed only if the retry failed. */
  readonly retried: number;
  /** Failed although sent a second time (the rest failed on their first, fresh connection). */
  readonly failedAfterRetry: number;
  /** Why they failed, with how often, e.g. { "connect ECONNREFUSED 127.0.0.1:41234": 12, "HTTP 502": 3 }. */
  readonly failures: Readonly<Record<string, number>>;
  /** When the first 50 failed requests ended, ms after the command (negative: before it, during the warm-up). */
  readonly failedAtMs: readonly number[];
}

/** A release's events, ms after the command that started it: where the time went, and what failures line up with. */
export type EventTimes = readonly { readonly phase: string; readonly ms: number; readonly detail: string | null }[];

export interface RestoreRun extends LoadFigures {
  /** From the command to the first response after which every response came from the old version; null when it never settled within the phase. */
  readonly restoreMs: number | null;
  /** From the command until it returned: the rollback call (its record written), or `docker stop` + `docker run -d`. */
  readonly commandMs: number;
  /** From the command to the first response from the old version. */
  readonly firstOldMs: number | null;
  /** From the command to the last response that was not from the old version (new version, or failed). */
  readonly lastOtherMs: number | null;
  /** Shipdeck only. */
  readonly events?: EventTimes;
}

export interface RolloutRun extends LoadFigures {
  /** From the deploy call until the release settled (succeeded). */
  readonly releaseMs: number;
  /** From the deploy call until every response came from the new version; null when not within the phase. */
  readonly allNewMs: number | null;
  /** False when the load's time bound ended before the release did (the rest went unmeasured). */
  readonly coveredByLoad: boolean;
  readonly events: EventTimes;
}

export interface ReleaseFigures {
  readonly requestsPerSecond: number;
  /** The machine's 1-minute load average before and after, and its cores: other work on it slows every side. */
  readonly machine: { readonly cores: number; readonly loadBefore: number; readonly loadAfter: number };
  readonly runs: number;
  readonly blueGreen:
    | {
        readonly instances: number;
        readonly deploys: readonly RolloutRun[];
        readonly rollbacks: readonly RestoreRun[];
        readonly medianRestoreMs: number | null;
        readonly failed: number;
        readonly requests: number;
      }
    | { readonly error: string };
  readonly byHand:
    | { readonly runs: readonly RestoreRun[]; readonly medianRestoreMs: number | null; readonly failed: number; readonly requests: number }
    | { readonly error: string };
  /** By hand ÷ Shipdeck, time to restore; null when either is missing. */
  readonly ratio: number | null;
  readonly rolling: (RolloutRun & { readonly instances: number }) | { readonly error: string };
  readonly canary: (RolloutRun & { readonly steps: readonly number[]; readonly gatesContinued: number }) | { readonly error: string };
}

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
const errorText = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const hint = (error as Error & { hint?: unknown }).hint;
  return typeof hint === 'string' && hint.length > 0 ? `${error.message} (${hint})` : error.message;
};

/** Why the release figures cannot be measured here, or null when they can. */
export async function releasesUnavailable(): Promise<string | null> {
  if (!(await dockerAnswers())) return 'skipped: no Docker engine (start it with `bash scripts/services/docker.sh start`)';
  try {
    await execFileAsync('sh', ['-c', 'command -v nginx || test -x /usr/sbin/nginx']);
  } catch {
    return 'skipped: nginx is not installed (Debian: apt-get install nginx)';
  }
  return null;
}

function loadFigures(samples: readonly LoadSample[], command: number): LoadFigures {
  const failed = failedSamples(samples);
  const failures: Record<string, number> = {};
  for (const sample of failed) {
    const reason = sample.error ?? `HTTP ${sample.status ?? '?'}`;
    failures[reason] = (failures[reason] ?? 0) + 1;
  }
  const failedAtMs = failed.slice(0, 50).map((sample) => Math.round(sample.at - command));
  const retried = samples.filter((sample) => sample.retried).length;
  return { requests: samples.length, failed: failed.length, retried, failedAfterRetry: failed.filter((sample) => sample.retried).length, failures, failedAtMs };
}

function eventTimes(detail: ReleaseDetail, commandClock: number): EventTimes {
  return detail.events.map((event) => ({ phase: event.phase, ms: Date.parse(event.at) - commandClock, detail: event.detail }));
}

/** Starts the load and waits until it has seen only `version` for the warm-up; throws when it has not. */
async function warmLoad(url: string, version: string): Promise<{ load: RunningLoad; ended: () => boolean }> {
  const load = startLoad({ url, requestsPerSecond: REQUESTS_PER_SECOND, maxSeconds: PHASE_SECONDS });
  let loadEnded = false;
  void load.done.then(() => (loadEnded = true));
  await sleep(WARM_UP_MS);
  if (settledOn(load.samples, version, 0) === null) {
    const samples = await load.stop();
    const seen = [...new Set(samples.map((sample) => sample.error ?? `${sample.status ?? '?'} ${sample.body ?? ''}`))].slice(0, 3);
    throw new Error(`before the measurement, ${url} did not answer ${version} only (it answered: ${seen.join('; ')})`);
  }
  return { load, ended: () => loadEnded };
}

/**
 * Keeps the load until every response has come from `version` for STABLE_MS, and for STABLE_MS after the
 * work settled (what a release does last, such as removing old instances, is under load too), or until
 * the load's bound ends; then stops it.
 */
async function untilStable(load: RunningLoad, ended: () => boolean, version: string, from: number): Promise<LoadSample[]> {
  const workSettled = load.now();
  for (;;) {
    const settled = settledOn(load.samples, version, from);
    if ((settled !== null && load.now() - settled >= STABLE_MS && load.now() - workSettled >= STABLE_MS) || ended()) return load.stop();
    await sleep(50);
  }
}

const SETTLED = new Set(['succeeded', 'failed', 'rolled-back', 'interrupted']);

/** Polls the release until it settles, continuing each canary gate at once; throws unless it succeeded. */
async function waitForRelease(fixture: ReleaseFixture, deploymentId: number, continueGates = false): Promise<{ detail: ReleaseDetail; gatesContinued: number }> {
  const deadline = performance.now() + 120_000;
  let gatesContinued = 0;
  for (;;) {
    const detail = await fixture.call('releases.get', { deploymentId });
    if (SETTLED.has(detail.status)) {
      if (detail.status !== 'succeeded') {
        const last = detail.events.at(-1);
        throw new Error(`release ${deploymentId} (${detail.strategy}) ended ${detail.status}${last?.detail ? `: ${last.detail}` : ''}`);
      }
      return { detail, gatesContinued };
    }
    if (detail.status === 'pending-approval') throw new Error(`release ${deploymentId} waits for an approval (the bench environment should not require one)`);
    const gates = detail.events.filter((event) => event.phase === 'paused').length;
    if (detail.phase === 'paused' && gates > gatesContinued) {
      if (!continueGates) throw new Error(`release ${deploymentId} paused at ${detail.weight ?? '?'} % and the bench does not continue it`);
      await fixture.call('releases.canary', { service: detail.service, environment: detail.environment, action: 'continue' });
      gatesContinued = gates;
    }
    if (performance.now() > deadline) throw new Error(`release ${deploymentId} had not settled after 120 s (status ${detail.status}, phase ${detail.phase ?? 'none'})`);
    await sleep(100);
  }
}

const digestOf = (fixture: ReleaseFixture, version: string): string => {
  const artifact = fixture.artifacts.find((candidate) => candidate.version === version);
  if (!artifact) throw new Error(`the fixture has no artifact ${version}`);
  return artifact.digest;
};

/** A deploy without load (to put the old version in place). */
async function deployQuietly(fixture: ReleaseFixture, environment: string, version: string): Promise<void> {
  const release = await fixture.call('releases.deploy', { service: fixture.service, environment, digest: digestOf(fixture, version) });
  await waitForRelease(fixture, release.id, true);
}

/** Deploys `to` over `from` under load; failed requests and how long the release took. */
async function deployUnderLoad(fixture: ReleaseFixture, environment: string, url: string, from: string, to: string): Promise<{ run: RolloutRun; gatesContinued: number }> {
  const { load, ended } = await warmLoad(url, from);
  try {
    const started = load.now();
    const commandClock = Date.now();
    const release = await fixture.call('releases.deploy', { service: fixture.service, environment, digest: digestOf(fixture, to) });
    const { detail, gatesContinued } = await waitForRelease(fixture, release.id, true);
    const releaseMs = load.now() - started;
    const coveredByLoad = !ended();
    const samples = await untilStable(load, ended, to, started);
    const allNew = settledOn(samples, to, started);
    const run = { ...loadFigures(samples, started), releaseMs, allNewMs: allNew === null ? null : allNew - started, coveredByLoad, events: eventTimes(detail, commandClock) };
    return { run, gatesContinued };
  } finally {
    await load.stop();
  }
}

/** Blue-green rollback `NEW` → `OLD` under load, from the command to 100 % old. */
async function rollbackUnderLoad(fixture: ReleaseFixture, environment: string, url: string): Promise<RestoreRun> {
  const { load, ended } = await warmLoad(url, NEW);
  try {
    const command = load.now();
    const commandClock = Date.now();
    const release = await fixture.call('releases.rollback', { service: fixture.service, environment, toDigest: digestOf(fixture, OLD), reason: 'bench' });
    const commandMs = load.now() - command;
    const { detail } = await waitForRelease(fixture, release.id);
    const samples = await untilStable(load, ended, OLD, command);
    return { ...loadFigures(samples, command), ...restoreTimes(samples, command), commandMs, events: eventTimes(detail, commandClock) };
  } finally {
    await load.stop();
  }
}

/** When, after the command, the old version answered first, last answered something else, and answers alone. */
function restoreTimes(samples: readonly LoadSample[], command: number): Pick<RestoreRun, 'restoreMs' | 'firstOldMs' | 'lastOtherMs'> {
  const after = samples.filter((sample) => sample.at >= command);
  const isOld = (sample: LoadSample) => sample.status === 200 && sample.body === OLD;
  const firstOld = after.filter(isOld).reduce<number | null>((first, sample) => (first === null || sample.at < first ? sample.at : first), null);
  const lastOther = after.filter((sample) => !isOld(sample)).reduce<number | null>((last, sample) => (last === null || sample.at > last ? sample.at : last), null);
  const restored = settledOn(samples, OLD, command);
  const since = (at: number | null) => (at === null ? null : at - command);
  return { restoreMs: since(restored), firstOldMs: since(firstOld), lastOtherMs: since(lastOther) };
}

async function docker(args: readonly string[]): Promise<string> {
  const { stdout } = await execFileAsync('docker', [...args], { encoding: 'utf8' });
  return stdout.trim();
}

function answers(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 1000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(response.statusCode === 200 ? body.trim() : null));
      response.on('error', () => resolve(null));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}

/** What a user does without Shipdeck: the new version runs in one container on 127.0.0.1:port; stop it, run the old image on the same port. */
async function byHandRun(fixture: ReleaseFixture, network: string, prefix: string, run: number, created: string[]): Promise<RestoreRun> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const runContainer = (name: string, version: string) => {
    created.push(name);
    return docker(['run', '-d', '--init', '--name', name, '--network', network, '-p', `127.0.0.1:${port}:8080`, '-e', 'PORT=8080', digestOf(fixture, version)]);
  };
  const newName = `${prefix}-new-${run}`;
  const oldName = `${prefix}-old-${run}`;
  await runContainer(newName, NEW);
  const deadline = performance.now() + 10_000;
  while ((await answers(url)) !== NEW) {
    if (performance.now() > deadline) throw new Error(`the by-hand container ${newName} did not answer ${NEW} on ${url} within 10 s`);
    await sleep(50);
  }
  const { load, ended } = await warmLoad(url, NEW);
  try {
    const command = load.now();
    await docker(['stop', newName]);
    await runContainer(oldName, OLD);
    const commandMs = load.now() - command;
    const samples = await untilStable(load, ended, OLD, command);
    return { ...loadFigures(samples, command), ...restoreTimes(samples, command), commandMs };
  } finally {
    await load.stop();
    await docker(['rm', '-f', newName, oldName]).catch(() => undefined);
  }
}

const median = (values: readonly number[]): number | null => (values.length === 0 ? null : ([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number));
const sum = (runs: readonly LoadFigures[], key: 'failed' | 'requests' | 'retried') => runs.reduce((total, run) => total + run[key], 0);

async function configure(fixture: ReleaseFixture, environment: string, settings: { instances: number; strategy: 'rolling' | 'blue-green' | 'canary' }): Promise<string> {
  const publicPort = await freePort();
  await fixture.call('environments.configure', {
    service: fixture.service,
    environment,
    targetKind: 'docker',
    publicPort,
    instances: settings.instances,
    strategy: settings.strategy,
    requiresApproval: false,
    canarySteps: CANARY_STEPS,
    canaryPauseSeconds: null,
    blueGreenHoldSeconds: 600
  });
  return `http://127.0.0.1:${publicPort}/`;
}

async function attempt<T>(work: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await work();
  } catch (error) {
    return { error: errorText(error) };
  }
}

/** Null when no Docker engine answers or nginx is missing (see releasesUnavailable). */
export async function releasesBench(runs = 3): Promise<ReleaseFigures | null> {
  if ((await releasesUnavailable()) !== null) return null;
  const loadBefore = os.loadavg()[0] ?? 0;
  const fixture = await createReleaseFixture({ versions: [OLD, NEW] });
  const prefix = `shipdeck-bench-${process.pid}-byhand`;
  const network = prefix;
  const created: string[] = [];
  try {
    const rolling = await attempt(async () => {
      const url = await configure(fixture, 'rolling', { instances: ROLLING_INSTANCES, strategy: 'rolling' });
      await deployQuietly(fixture, 'rolling', OLD);
      const { run } = await deployUnderLoad(fixture, 'rolling', url, OLD, NEW);
      return { ...run, instances: ROLLING_INSTANCES };
    });
    const canary = await attempt(async () => {
      const url = await configure(fixture, 'canary', { instances: 2, strategy: 'canary' });
      await deployQuietly(fixture, 'canary', OLD);
      const { run, gatesContinued } = await deployUnderLoad(fixture, 'canary', url, OLD, NEW);
      return { ...run, steps: CANARY_STEPS, gatesContinued };
    });

    // Blue-green rollbacks and the by-hand restores alternate, so drift on the machine hits both alike.
    await docker(['network', 'create', network]);
    const deploys: RolloutRun[] = [];
    const rollbacks: RestoreRun[] = [];
    const byHandRuns: RestoreRun[] = [];
    let blueGreenError: string | null = null;
    let byHandError: string | null = null;
    let url: string | null = null;
    try {
      url = await configure(fixture, 'prod', { instances: 1, strategy: 'blue-green' });
      await deployQuietly(fixture, 'prod', OLD);
    } catch (error) {
      blueGreenError = errorText(error);
    }
    for (let run = 0; run < runs; run++) {
      if (url !== null && blueGreenError === null) {
        try {
          if (run > 0) await fixture.call('releases.releaseHold', { service: fixture.service, environment: 'prod' });
          deploys.push((await deployUnderLoad(fixture, 'prod', url, OLD, NEW)).run);
          rollbacks.push(await rollbackUnderLoad(fixture, 'prod', url));
        } catch (error) {
          blueGreenError = errorText(error);
        }
      }
      if (byHandError === null) {
        try {
          byHandRuns.push(await byHandRun(fixture, network, prefix, run, created));
        } catch (error) {
          byHandError = errorText(error);
        }
      }
    }

    // A run that never settled has no time: the median then says nothing, so it is null.
    const medianRestore = (list: readonly RestoreRun[]) => (list.some((run) => run.restoreMs === null) ? null : median(list.map((run) => run.restoreMs ?? 0)));
    const blueGreen: ReleaseFigures['blueGreen'] =
      blueGreenError !== null
        ? { error: blueGreenError }
        : { instances: 1, deploys, rollbacks, medianRestoreMs: medianRestore(rollbacks), failed: sum(rollbacks, 'failed'), requests: sum(rollbacks, 'requests') };
    const byHand: ReleaseFigures['byHand'] =
      byHandError !== null ? { error: byHandError } : { runs: byHandRuns, medianRestoreMs: medianRestore(byHandRuns), failed: sum(byHandRuns, 'failed'), requests: sum(byHandRuns, 'requests') };
    const shipdeckMs = 'medianRestoreMs' in blueGreen ? blueGreen.medianRestoreMs : null;
    const byHandMs = 'medianRestoreMs' in byHand ? byHand.medianRestoreMs : null;
    const ratio = shipdeckMs !== null && byHandMs !== null && shipdeckMs > 0 ? byHandMs / shipdeckMs : null;
    const machine = { cores: os.cpus().length, loadBefore, loadAfter: os.loadavg()[0] ?? 0 };
    return { requestsPerSecond: REQUESTS_PER_SECOND, machine, runs, blueGreen, byHand, ratio, rolling, canary };
  } finally {
    if (created.length > 0) await docker(['rm', '-f', ...created]).catch(() => undefined);
    await docker(['network', 'rm', network]).catch(() => undefined);
    await fixture.dispose();
  }
}

type Row = [string, string, string];

/** "(of N[; R retried])" over one or more phases: the requests sent, and those sent a second time. */
function ofRequests(...phases: readonly LoadFigures[]): string {
  const retried = sum(phases, 'retried');
  return `(of ${sum(phases, 'requests').toLocaleString('en')}${retried > 0 ? `; ${retried} retried once on a new connection, as browsers do` : ''})`;
}

/** The target, then why requests failed ("connect ECONNREFUSED 127.0.0.1:port ×81, …") over one or more phases. */
function targetAndWhy(target: string, ...phases: readonly LoadFigures[]): string {
  const merged: Record<string, number> = {};
  for (const phase of phases) {
    for (const [reason, count] of Object.entries(phase.failures)) {
      const general = reason.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:port');
      merged[general] = (merged[general] ?? 0) + count;
    }
  }
  const why = Object.entries(merged).map(([reason, count]) => `${reason} ×${count}`);
  return [target, why.join(', ')].filter(Boolean).join(' — ');
}

const seconds = (value: number): string => `${(value / 1000).toFixed(1)} s`;
const restoreValue = (value: number | null): string => (value === null ? 'not within 15 s' : ms(value));

/** The rows of the printed table; `skipped` says why there are no figures. */
export function releaseRows(figures: ReleaseFigures | null, skipped: string | null): Row[] {
  const load = `under ${REQUESTS_PER_SECOND} req/s`;
  if (figures === null) {
    const why = skipped ?? 'skipped';
    return [
      [`Blue-green rollback ${load}: command → 100 % old version`, why, '< 1000 ms, 0 failed'],
      [`Rolling deploy of ${ROLLING_INSTANCES} instances, canary ${CANARY_STEPS.join(' → ')} % ${load}: failed requests`, why, '0'],
      ['By hand (docker stop new + docker run old): time to restore, failed requests, ratio', why, '']
    ];
  }
  const { machine } = figures;
  const rows: Row[] = [[`Releases (machine: ${machine.cores} cores, load average ${machine.loadBefore.toFixed(1)} before, ${machine.loadAfter.toFixed(1)} after)`, '', '']];
  const { blueGreen, byHand, rolling, canary } = figures;
  const eachRun = (runs: readonly RestoreRun[], command: string): Row => [
    `  … each run (${command} returned after ${runs.map((run) => run.commandMs.toFixed(0)).join(' / ')} ms)`,
    `${runs.map((run) => (run.restoreMs === null ? '—' : run.restoreMs.toFixed(0))).join(' / ')} ms`,
    ''
  ];
  const took = (run: RolloutRun) => `${seconds(run.releaseMs)}${run.coveredByLoad ? '' : ', longer than the load: its end went unmeasured'}`;

  if ('error' in blueGreen) rows.push([`Blue-green rollback ${load}: command → 100 % old version`, 'error', blueGreen.error]);
  else {
    rows.push(
      [`Blue-green rollback ${load} (${NEW} → ${OLD}, 1 instance): command → 100 % old version, median of ${blueGreen.rollbacks.length}`, restoreValue(blueGreen.medianRestoreMs), '< 1000 ms'],
      eachRun(blueGreen.rollbacks, 'the rollback call'),
      [`  failed requests ${ofRequests(...blueGreen.rollbacks)}`, String(blueGreen.failed), targetAndWhy('0', ...blueGreen.rollbacks)],
      [`  the blue-green deploys ${OLD} → ${NEW} before them, same load: failed requests ${ofRequests(...blueGreen.deploys)}`, String(sum(blueGreen.deploys, 'failed')), targetAndWhy('0', ...blueGreen.deploys)]
    );
  }
  if ('error' in rolling) rows.push([`Rolling deploy of ${ROLLING_INSTANCES} instances ${load}: failed requests`, 'error', rolling.error]);
  else rows.push([`Rolling deploy of ${rolling.instances} instances ${load} (${took(rolling)}): failed requests ${ofRequests(rolling)}`, String(rolling.failed), targetAndWhy('0', rolling)]);
  if ('error' in canary) rows.push([`Canary ${CANARY_STEPS.join(' → ')} % ${load}: failed requests`, 'error', canary.error]);
  else {
    rows.push([
      `Canary ${canary.steps.join(' → ')} % ${load}, ${canary.gatesContinued} gates continued at once (${took(canary)}): failed requests ${ofRequests(canary)}`,
      String(canary.failed),
      targetAndWhy('0', canary)
    ]);
  }
  if ('error' in byHand) rows.push(['By hand (docker stop new + docker run old): time to restore', 'error', byHand.error]);
  else {
    rows.push(
      [`By hand (docker stop new + docker run old on the same 127.0.0.1 port, no nginx): time to restore, median of ${byHand.runs.length}`, restoreValue(byHand.medianRestoreMs), ''],
      eachRun(byHand.runs, 'docker stop + docker run -d'),
      [`  failed requests ${ofRequests(...byHand.runs)}`, String(byHand.failed), targetAndWhy('', ...byHand.runs)]
    );
  }
  rows.push(['  ratio (by hand ÷ Shipdeck), time to restore', figures.ratio === null ? '—' : `${figures.ratio.toFixed(1)} ×`, '']);
  return rows;
}

if (require.main === module) {
  releasesUnavailable()
    .then(async (skipped) => {
      const figures = skipped === null ? await releasesBench() : null;
      for (const [label, value, target] of releaseRows(figures, skipped)) console.log(`${label}  ${value}  ${target}`);
    })
    .catch((error: unknown) => {
      console.error(errorText(error));
      process.exit(1);
    });
}
