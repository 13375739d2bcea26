/**
 * nginx on this machine, one master per environment, run with the environment's router folder as its
 * prefix so it needs no root paths. Masters are daemons: they outlive Shipdeck like containers do, and are
 * found again through their pid file.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../../shared/result';
import { nginxProblems, type NginxEngine, type RouterSite, type TestOutcome, type WorkerProcess } from './nginx-engine';
import { portInUse } from './port-check';
import { runCommand, sleep } from './run-command';

const START_TIMEOUT_MS = 15_000;
const PID_FILE_WAIT_MS = 5_000;
const GRACEFUL_STOP_MS = 10_000;
const FORCED_STOP_MS = 3_000;

interface ProcessRow {
  readonly pid: number;
  readonly ppid: number;
  readonly state: string;
  readonly args: string;
}

/** Every process, from `ps` (works on Linux and macOS alike). */
async function processTable(): Promise<ProcessRow[]> {
  const { stdout } = await runCommand('ps', ['-A', '-o', 'pid=,ppid=,stat=,args='], { timeoutMs: 10_000 });
  const rows: ProcessRow[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (match) rows.push({ pid: Number(match[1]), ppid: Number(match[2]), state: match[3] ?? '', args: match[4] ?? '' });
  }
  return rows;
}

/** A pid belongs to a live nginx (a zombie — exited, not yet reaped — does not count; nor does a reused pid). */
async function isLiveNginx(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const { code, stdout } = await runCommand('ps', ['-o', 'stat=,args=', '-p', String(pid)], { timeoutMs: 10_000 });
  const line = stdout.trim();
  return code === 0 && line !== '' && !line.startsWith('Z') && line.includes('nginx');
}

async function readPid(site: RouterSite): Promise<number | null> {
  const text = await readFile(site.pidFile, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 1 ? pid : null;
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** `-e` (the log for messages before the config's error_log is open) came with nginx 1.19.5. */
function supportsErrorLogFlag(versionOutput: string): boolean {
  const match = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(versionOutput);
  if (!match) return false;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return major > 1 || (major === 1 && (minor > 19 || (minor === 19 && patch >= 5)));
}

export function createHostNginx(binary: string): NginxEngine {
  let errorLogFlag: Promise<boolean> | null = null;
  const errorLogArgs = async (target: string): Promise<string[]> => {
    errorLogFlag ??= runCommand(binary, ['-v'], { timeoutMs: 10_000 }).then(
      (result) => supportsErrorLogFlag(result.stderr + result.stdout),
      () => false
    );
    return (await errorLogFlag) ? ['-e', target] : [];
  };
  const prefix = (site: RouterSite) => `${site.dir}/`;

  const running = async (site: RouterSite): Promise<string | null> => {
    const pid = await readPid(site);
    return pid !== null && (await isLiveNginx(pid)) ? String(pid) : null;
  };

  return {
    kind: 'host',
    // A root master would drop its workers to `nobody`, who cannot reach temp folders inside a private data folder.
    workerUser: process.getuid?.() === 0 ? 'root' : null,
    titlesShowShutdown: process.platform === 'linux',

    async test(site, file, signal): Promise<TestOutcome> {
      const args = ['-t', '-p', prefix(site), '-c', file, ...(await errorLogArgs('stderr'))];
      const result = await runCommand(binary, args, { timeoutMs: 30_000, signal }).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        throw new AppError('ROUTER_FAILED', `nginx (${binary}) could not be run: ${(error as Error).message}.`, 'Install nginx (Debian/Ubuntu: apt-get install nginx; macOS: brew install nginx).');
      });
      return { ok: result.code === 0, output: result.stderr + result.stdout };
    },

    running,

    async start(site, publicPort): Promise<void> {
      const args = ['-p', prefix(site), '-c', site.configFile, ...(await errorLogArgs('logs/error.log')), '-g', 'daemon on;'];
      // The output goes to a file, not a pipe: the daemon keeps its copies of the parent's descriptors.
      const log = openSync(site.startLog, 'w');
      let outcome: { code: number | null; error?: Error };
      try {
        outcome = await new Promise((resolve) => {
          const child = spawn(binary, args, { stdio: ['ignore', log, log], detached: true });
          const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
          child.once('error', (error) => {
            clearTimeout(timer);
            resolve({ code: null, error });
          });
          child.once('exit', (code) => {
            clearTimeout(timer);
            resolve({ code });
          });
        });
      } finally {
        closeSync(log);
      }
      if (outcome.code !== 0) {
        const output = outcome.error?.message ?? (await readFile(site.startLog, 'utf8').catch(() => ''));
        if (/Address already in use/i.test(output)) throw portInUse(publicPort, site.service, site.environment);
        throw new AppError(
          'ROUTER_FAILED',
          `nginx did not start for ${site.service}/${site.environment}: ${nginxProblems(output) || `exit code ${String(outcome.code)}`}.`,
          `Its log is in ${site.errorLog}.`
        );
      }
      const deadline = Date.now() + PID_FILE_WAIT_MS;
      while (Date.now() < deadline) {
        if ((await running(site)) !== null) return;
        await sleep(25);
      }
      throw new AppError('ROUTER_FAILED', `nginx for ${site.service}/${site.environment} started but wrote no pid file.`, `Its log is in ${site.errorLog}.`);
    },

    needsRestart: async () => false,

    async workers(_site, masterId): Promise<WorkerProcess[]> {
      const master = Number(masterId);
      return (await processTable())
        .filter((row) => row.ppid === master && !row.state.startsWith('Z') && /worker process/.test(row.args))
        .map((row) => ({ id: String(row.pid), shuttingDown: /shutting down/.test(row.args) }));
    },

    async reload(_site, masterId): Promise<void> {
      try {
        process.kill(Number(masterId), 'SIGHUP');
      } catch (error) {
        throw new AppError('ROUTER_FAILED', `Could not signal nginx (pid ${masterId}) to reload: ${(error as Error).message}.`);
      }
    },

    async stop(site, masterId): Promise<void> {
      const master = Number(masterId);
      const workers = (await processTable()).filter((row) => row.ppid === master).map((row) => row.pid);
      signalQuietly(master, 'SIGQUIT');
      for (const [limit, next] of [
        [GRACEFUL_STOP_MS, 'SIGKILL'],
        [FORCED_STOP_MS, null]
      ] as const) {
        const deadline = Date.now() + limit;
        while (Date.now() < deadline) {
          if (!(await isLiveNginx(master))) return;
          await sleep(50);
        }
        if (next === null) break;
        // Workers outlive a killed master; they hold the port, so they go too.
        for (const pid of [master, ...workers]) signalQuietly(pid, next);
      }
      throw new AppError('ROUTER_FAILED', `nginx (pid ${masterId}) for ${site.service}/${site.environment} did not stop.`, `Stop it by hand: kill -9 ${masterId}.`);
    }
  };
}
