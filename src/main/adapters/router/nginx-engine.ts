/**
 * Where an environment's nginx runs: on the host (Debian's or Homebrew's nginx) or as the nginx image on
 * Docker. The router (nginx-router.ts) writes, tests and swaps config files and judges a reload by the
 * worker processes; an engine only knows how to test a file, start, signal, list workers and stop.
 */
import path from 'node:path';
import type { RouterMode } from './nginx-config';

/** One environment's router folder: `<dataDir>/router/<service>/<environment>/`. */
export interface RouterSite {
  readonly service: string;
  readonly environment: string;
  readonly dir: string;
  /** What the running nginx loads. */
  readonly configFile: string;
  /** A new config waits here while nginx tests it. */
  readonly candidateFile: string;
  /** The config being replaced, put back if the reload fails. */
  readonly previousFile: string;
  readonly pidFile: string;
  readonly errorLog: string;
  /** stdout/stderr of the command that starts nginx (its messages before the error log is open). */
  readonly startLog: string;
}

export function routerSite(dataDir: string, service: string, environment: string): RouterSite {
  const dir = path.join(dataDir, 'router', service, environment);
  return {
    service,
    environment,
    dir,
    configFile: path.join(dir, 'nginx.conf'),
    candidateFile: path.join(dir, 'nginx.conf.next'),
    previousFile: path.join(dir, 'nginx.conf.previous'),
    pidFile: path.join(dir, 'nginx.pid'),
    errorLog: path.join(dir, 'logs', 'error.log'),
    startLog: path.join(dir, 'logs', 'start.log')
  };
}

/** Folders nginx needs under its prefix (the config's relative paths point here). */
export const SITE_FOLDERS = ['logs', 'temp'] as const;

export interface WorkerProcess {
  readonly id: string;
  /** The worker took a shutdown signal: it no longer accepts connections, only finishes its requests. */
  readonly shuttingDown: boolean;
}

export interface TestOutcome {
  readonly ok: boolean;
  /** nginx's messages. */
  readonly output: string;
}

export interface NginxEngine {
  readonly kind: RouterMode;
  /** Worker user to put in the config (see renderNginxConfig); null leaves nginx's default. */
  readonly workerUser: string | null;
  /** True where a worker's title shows "is shutting down" (Linux); elsewhere new workers alone mark a reload. */
  readonly titlesShowShutdown: boolean;
  test(site: RouterSite, file: string, signal?: AbortSignal): Promise<TestOutcome>;
  /** The master's pid (host) or container id when the router runs; null otherwise. */
  running(site: RouterSite): Promise<string | null>;
  /** Starts nginx on the site's config; rejects PORT_IN_USE when the port is taken, ROUTER_FAILED otherwise. */
  start(site: RouterSite, publicPort: number): Promise<void>;
  /** True when a config with this public port needs a restart instead of a reload (a container's published port). */
  needsRestart(site: RouterSite, masterId: string, publicPort: number): Promise<boolean>;
  workers(site: RouterSite, masterId: string): Promise<WorkerProcess[]>;
  /** Asks the master to load the config file again (graceful: old workers finish their requests). */
  reload(site: RouterSite, masterId: string): Promise<void>;
  /** Graceful stop, then forced; resolves when nginx is gone. */
  stop(site: RouterSite, masterId: string): Promise<void>;
}

/** nginx's own lines worth quoting ("nginx: [emerg] …"), without the "nginx: " prefix. */
export function nginxProblems(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const serious = lines.filter((line) => /\[(emerg|alert|crit)\]/.test(line)).map((line) => line.replace(/^nginx: /, ''));
  const chosen = serious.length > 0 ? [...new Set(serious)] : lines;
  return chosen.slice(0, 5).join('; ');
}
