/**
 * The fallback where no nginx is installed: the official nginx image as a container on the environment's
 * Docker network (it reaches instances by name:port), the router folder bind-mounted at /shipdeck, the
 * public port published on 127.0.0.1 only. Driven through the docker CLI, whose commands are built here as
 * plain argument lists.
 */
import path from 'node:path';
import { AppError } from '../../../shared/result';
import { nginxProblems, type NginxEngine, type RouterSite, type TestOutcome, type WorkerProcess } from './nginx-engine';
import { portInUse } from './port-check';
import { runCommand, type CommandResult } from './run-command';

export interface ContainerRouterOptions {
  /** Default `nginx:stable-alpine`. */
  readonly image?: string;
  /** Default `docker` (on PATH); it follows DOCKER_HOST like any docker command. */
  readonly dockerBinary?: string;
  /** The managed network of an environment, where its instances are reachable by name. */
  readonly networkName?: (service: string, environment: string) => string;
}

export const DEFAULT_ROUTER_IMAGE = 'nginx:stable-alpine';
/** Where the router folder is mounted inside the container (nginx's prefix there). */
export const CONTAINER_PREFIX = '/shipdeck/';
const STOP_GRACE_SECONDS = 10;

export const defaultNetworkName = (service: string, environment: string): string => `shipdeck-${service}-${environment}`;
export const routerContainerName = (site: Pick<RouterSite, 'service' | 'environment'>): string => `shipdeck-router-${site.service}-${site.environment}`;

const inContainer = (file: string): string => CONTAINER_PREFIX + path.basename(file);

/** The docker CLI arguments for each step, for one environment's router container. */
export function routerContainerCommands(site: RouterSite, options: ContainerRouterOptions = {}) {
  const name = routerContainerName(site);
  const image = options.image ?? DEFAULT_ROUTER_IMAGE;
  const network = (options.networkName ?? defaultNetworkName)(site.service, site.environment);
  const mount = ['-v', `${site.dir}:${CONTAINER_PREFIX.slice(0, -1)}`];
  const nginxArgs = (config: string) => ['-p', CONTAINER_PREFIX, '-c', config];
  return {
    name,
    network,
    run: (publicPort: number): string[] => [
      'run', '-d',
      '--name', name,
      '--label', 'shipdeck.router=nginx',
      '--label', `shipdeck.service=${site.service}`,
      '--label', `shipdeck.environment=${site.environment}`,
      '--network', network,
      '-p', `127.0.0.1:${publicPort}:${publicPort}`,
      ...mount,
      '--restart', 'unless-stopped',
      '--entrypoint', 'nginx',
      image,
      ...nginxArgs(inContainer(site.configFile)), '-e', `${CONTAINER_PREFIX}logs/error.log`, '-g', 'daemon off;'
    ],
    /** nginx -t inside the running router (same network, same resolver as the reload will use). */
    testInRunning: (file: string): string[] => ['exec', name, 'nginx', '-t', ...nginxArgs(inContainer(file)), '-e', 'stderr'],
    /** nginx -t in a throwaway container on the network, before the router's first start. */
    testOnce: (file: string): string[] => [
      'run', '--rm', '--network', network, ...mount, '--entrypoint', 'nginx', image, '-t', ...nginxArgs(inContainer(file)), '-e', 'stderr'
    ],
    inspect: (): string[] => ['container', 'inspect', '--format', '{{json .}}', name],
    top: (): string[] => ['top', name, '-o', 'pid,ppid,args'],
    reload: (): string[] => ['exec', name, 'nginx', '-s', 'reload', ...nginxArgs(inContainer(site.configFile))],
    stop: (): string[] => ['stop', '-t', String(STOP_GRACE_SECONDS), name],
    remove: (): string[] => ['rm', '-f', name]
  };
}

export interface InspectedRouter {
  readonly id: string;
  readonly running: boolean;
  readonly publishedPort: number | null;
}

/** Reads `docker container inspect --format '{{json .}}'`; null when it is not that JSON. */
export function parseInspect(stdout: string): InspectedRouter | null {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as { Id?: unknown; State?: { Running?: unknown }; HostConfig?: { PortBindings?: unknown } };
  if (typeof record.Id !== 'string') return null;
  let publishedPort: number | null = null;
  const bindings = record.HostConfig?.PortBindings;
  if (typeof bindings === 'object' && bindings !== null) {
    for (const list of Object.values(bindings as Record<string, unknown>)) {
      const first = Array.isArray(list) ? (list[0] as { HostPort?: unknown } | undefined) : undefined;
      const port = Number(first?.HostPort);
      if (Number.isInteger(port) && port > 0) publishedPort = port;
    }
  }
  return { id: record.Id, running: record.State?.Running === true, publishedPort };
}

/** Workers of the nginx master in `docker top <name> -o pid,ppid,args` output. */
export function parseTopWorkers(stdout: string): WorkerProcess[] {
  const rows = stdout
    .split('\n')
    .slice(1)
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: match[1] ?? '', ppid: match[2] ?? '', args: match[3] ?? '' }));
  const master = rows.find((row) => /master process/.test(row.args));
  if (master === undefined) return [];
  return rows
    .filter((row) => row.ppid === master.pid && /worker process/.test(row.args))
    .map((row) => ({ id: row.pid, shuttingDown: /shutting down/.test(row.args) }));
}

const DOCKER_HINT = 'Install nginx on this machine (Debian/Ubuntu: apt-get install nginx; macOS: brew install nginx), or start Docker so Shipdeck can run the nginx image.';

export function createContainerNginx(options: ContainerRouterOptions = {}): NginxEngine {
  const docker = options.dockerBinary ?? 'docker';
  const run = async (args: readonly string[], signal?: AbortSignal): Promise<CommandResult> => {
    try {
      return await runCommand(docker, args, { timeoutMs: 120_000, signal });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('ROUTER_FAILED', `Neither nginx nor the docker command is available (${(error as Error).message}).`, DOCKER_HINT);
    }
  };
  const failed = (site: RouterSite, what: string, result: CommandResult) =>
    new AppError('ROUTER_FAILED', `${what} for ${site.service}/${site.environment} failed: ${nginxProblems(result.stderr + result.stdout) || `exit code ${String(result.code)}`}.`, DOCKER_HINT);
  const inspect = async (site: RouterSite): Promise<InspectedRouter | null> => {
    const result = await run(routerContainerCommands(site, options).inspect());
    return result.code === 0 ? parseInspect(result.stdout.trim()) : null;
  };

  return {
    kind: 'container',
    // The bind-mounted folder belongs to the host user, unknown inside the image.
    workerUser: 'root',
    titlesShowShutdown: true,

    async test(site, file, signal): Promise<TestOutcome> {
      const commands = routerContainerCommands(site, options);
      const inspected = await inspect(site);
      const result = await run(inspected?.running === true ? commands.testInRunning(file) : commands.testOnce(file), signal);
      return { ok: result.code === 0, output: result.stderr + result.stdout };
    },

    async running(site): Promise<string | null> {
      const inspected = await inspect(site);
      return inspected?.running === true ? inspected.id : null;
    },

    async start(site, publicPort): Promise<void> {
      const commands = routerContainerCommands(site, options);
      await run(commands.remove()); // an exited router of an earlier run holds the name
      const result = await run(commands.run(publicPort));
      if (result.code === 0) return;
      if (/port is already allocated|address already in use/i.test(result.stderr)) throw portInUse(publicPort, site.service, site.environment);
      throw failed(site, 'Starting the nginx container', result);
    },

    async needsRestart(site, _masterId, publicPort): Promise<boolean> {
      return (await inspect(site))?.publishedPort !== publicPort;
    },

    async workers(site): Promise<WorkerProcess[]> {
      const result = await run(routerContainerCommands(site, options).top());
      return result.code === 0 ? parseTopWorkers(result.stdout) : [];
    },

    async reload(site): Promise<void> {
      const result = await run(routerContainerCommands(site, options).reload());
      if (result.code !== 0) throw failed(site, 'Reloading nginx', result);
    },

    async stop(site): Promise<void> {
      const commands = routerContainerCommands(site, options);
      await run(commands.stop());
      const result = await run(commands.remove());
      if (result.code !== 0 && !/No such container/i.test(result.stderr)) throw failed(site, 'Removing the nginx container', result);
    }
  };
}
