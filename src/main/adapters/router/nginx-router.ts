/**
 * TrafficRouterPort on nginx: one nginx master per environment, its files under
 * `<dataDir>/router/<service>/<environment>/`. Every config is tested (`nginx -t`) beside the live one
 * before it replaces it; a reload resolves only once the old workers have stopped accepting connections,
 * so "apply resolved" means the new routing is what clients get.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import type { RouteConfig, RouterStatus, TrafficRouterPort } from '../../ports/traffic-router';
import { createContainerNginx, type ContainerRouterOptions } from './container-nginx';
import { createHostNginx } from './host-nginx';
import { readRouteHeader, renderNginxConfig, type RenderOptions, type RouterMode } from './nginx-config';
import { nginxProblems, routerSite, SITE_FOLDERS, type NginxEngine, type RouterSite } from './nginx-engine';
import { portInUse, portIsFree } from './port-check';
import { sleep } from './run-command';

export interface NginxRouterOptions {
  readonly dataDir: string;
  /** The host's nginx; by default found on PATH or in the usual sbin folders. */
  readonly nginxBinary?: string;
  /** `auto` (default): the host's nginx when installed, otherwise the nginx image on Docker. */
  readonly runtime?: 'auto' | 'host' | 'container';
  readonly container?: ContainerRouterOptions;
  /** How long a reload may take to reach every worker. */
  readonly reloadTimeoutMs?: number;
  /** Renders the config text; a seam for tests that need nginx to refuse a config. */
  readonly renderConfig?: (config: RouteConfig, mode: RouterMode, options: RenderOptions) => string;
}

const DEFAULT_RELOAD_TIMEOUT_MS = 10_000;
/** Without worker titles (macOS), old workers get this long after new ones appear. */
const UNTITLED_RELOAD_SETTLE_MS = 1_000;
const POLL_MS = 20;
const SITE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx', '/opt/homebrew/bin/nginx', '/usr/bin/nginx'];
const INSTALL_HINT =
  'Install nginx (Debian/Ubuntu: apt-get install nginx; macOS: brew install nginx), or start a Docker engine so Shipdeck can run the nginx image as a container.';

/** The host's nginx binary, or null. */
export function findNginxBinary(envPath = process.env['PATH'] ?? ''): string | null {
  const onPath = envPath
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir, 'nginx'));
  return [...onPath, ...NGINX_CANDIDATES].find((candidate) => existsSync(candidate)) ?? null;
}

export function createNginxRouter(options: NginxRouterOptions): NginxRouter {
  return new NginxRouter(options);
}

export class NginxRouter implements TrafficRouterPort {
  /** One change at a time per environment. */
  private readonly queues = new Map<string, Promise<unknown>>();

  /** `engine` replaces the host/container choice (for tests of the apply sequence). */
  constructor(
    private readonly options: NginxRouterOptions,
    private engine: NginxEngine | null = null
  ) {}

  async apply(config: RouteConfig, signal?: AbortSignal): Promise<void> {
    const site = this.site(config.service, config.environment);
    return this.serialized(site, async () => {
      throwIfCancelled(signal);
      const engine = this.resolveEngine();
      const render = this.options.renderConfig ?? renderNginxConfig;
      const text = render(config, engine.kind, { workerUser: engine.workerUser });
      await Promise.all(SITE_FOLDERS.map((folder) => mkdir(path.join(site.dir, folder), { recursive: true })));

      const masterId = await engine.running(site);
      const loaded = masterId === null ? null : await readFile(site.configFile, 'utf8').catch(() => null);
      if (loaded === text) return;

      await writeFile(site.candidateFile, text);
      try {
        const tested = await engine.test(site, site.candidateFile, signal);
        if (!tested.ok) {
          throw new AppError(
            'ROUTER_CONFIG_INVALID',
            `nginx refused the new route for ${site.service}/${site.environment}: ${nginxProblems(tested.output)}. The running route is unchanged.`,
            `The refused file is kept as ${site.candidateFile}.`
          );
        }
        throwIfCancelled(signal);
        // A running nginx holds its own port; a new port (or a first start) must be free.
        const loadedPort = loaded === null ? null : (readRouteHeader(loaded)?.publicPort ?? null);
        const portChanges = masterId === null || (loadedPort !== null && loadedPort !== config.publicPort);
        if (portChanges && !(await portIsFree(config.publicPort))) {
          throw portInUse(config.publicPort, site.service, site.environment);
        }
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'ROUTER_CONFIG_INVALID')) await unlink(site.candidateFile).catch(() => undefined);
        throw error;
      }

      if (masterId === null) {
        await rename(site.candidateFile, site.configFile);
        await engine.start(site, config.publicPort);
        return;
      }
      if (await engine.needsRestart(site, masterId, config.publicPort)) {
        await engine.stop(site, masterId);
        await rename(site.candidateFile, site.configFile);
        await engine.start(site, config.publicPort);
        return;
      }
      await copyFile(site.configFile, site.previousFile).catch(() => undefined);
      await rename(site.candidateFile, site.configFile);
      try {
        await this.reloadAndWait(engine, site, masterId);
      } catch (error) {
        // nginx keeps what it had; the file on disk must say so too, for current().
        await rename(site.previousFile, site.configFile).catch(() => undefined);
        throw error;
      }
    });
  }

  async current(service: string, environment: string): Promise<RouteConfig | null> {
    const site = this.site(service, environment);
    const engine = this.engineOrNull();
    if (engine === null || (await engine.running(site)) === null) return null;
    const text = await readFile(site.configFile, 'utf8').catch(() => null);
    return text === null ? null : readRouteHeader(text);
  }

  async status(service: string, environment: string): Promise<RouterStatus> {
    const site = this.site(service, environment);
    const engine = this.engineOrNull();
    const processId = engine === null ? null : await engine.running(site);
    return { running: processId !== null, kind: engine?.kind ?? 'host', processId, configFile: site.configFile };
  }

  async remove(service: string, environment: string): Promise<void> {
    const site = this.site(service, environment);
    return this.serialized(site, async () => {
      const engine = this.engineOrNull();
      const masterId = engine === null ? null : await engine.running(site);
      if (engine !== null && masterId !== null) await engine.stop(site, masterId);
      await rm(site.dir, { recursive: true, force: true });
    });
  }

  private site(service: string, environment: string): RouterSite {
    for (const [what, name] of [
      ['service', service],
      ['environment', environment]
    ] as const) {
      if (!SITE_NAME.test(name)) throw new AppError('INVALID_INPUT', `The ${what} name "${name}" cannot name a router folder.`, 'Use letters, digits, ".", "-" and "_".');
    }
    return routerSite(this.options.dataDir, service, environment);
  }

  private resolveEngine(): NginxEngine {
    if (this.engine !== null) return this.engine;
    const runtime = this.options.runtime ?? 'auto';
    const configured = this.options.nginxBinary;
    if (runtime !== 'container' && configured !== undefined && !existsSync(configured)) {
      throw new AppError('ROUTER_FAILED', `nginx was not found at ${configured}.`, INSTALL_HINT);
    }
    const binary = runtime === 'container' ? null : (configured ?? findNginxBinary());
    if (binary !== null) {
      this.engine = createHostNginx(binary);
    } else if (runtime === 'host') {
      throw new AppError('ROUTER_FAILED', 'nginx is not installed on this machine.', INSTALL_HINT);
    } else {
      this.engine = createContainerNginx(this.options.container);
    }
    return this.engine;
  }

  private engineOrNull(): NginxEngine | null {
    try {
      return this.resolveEngine();
    } catch {
      return null;
    }
  }

  private async serialized<T>(site: RouterSite, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(site.dir) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(site.dir, next);
    try {
      return await next;
    } finally {
      if (this.queues.get(site.dir) === next) this.queues.delete(site.dir);
    }
  }

  /**
   * Signals the reload and waits until new workers run and every old one is shutting down (it has closed
   * its listening socket then). A reload nginx refuses (e.g. a new port already taken) shows in the error log.
   */
  private async reloadAndWait(engine: NginxEngine, site: RouterSite, masterId: string): Promise<void> {
    const before = new Set((await engine.workers(site, masterId)).map((worker) => worker.id));
    const logOffset = await stat(site.errorLog).then((info) => info.size, () => 0);
    await engine.reload(site, masterId);
    const timeoutMs = this.options.reloadTimeoutMs ?? DEFAULT_RELOAD_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    let newSeenAt: number | null = null;
    for (;;) {
      const workers = await engine.workers(site, masterId);
      const fresh = workers.filter((worker) => !before.has(worker.id) && !worker.shuttingDown);
      const oldServing = workers.filter((worker) => before.has(worker.id) && !worker.shuttingDown);
      if (fresh.length > 0) {
        newSeenAt ??= Date.now();
        if (oldServing.length === 0 || (!engine.titlesShowShutdown && Date.now() - newSeenAt >= UNTITLED_RELOAD_SETTLE_MS)) return;
      }
      const refused = await newLogProblems(site.errorLog, logOffset);
      if (refused !== '') {
        throw new AppError('ROUTER_FAILED', `nginx for ${site.service}/${site.environment} did not load the new route: ${refused}. It keeps serving the previous one.`, `Its log is in ${site.errorLog}.`);
      }
      if ((await engine.running(site)) === null) {
        throw new AppError('ROUTER_FAILED', `nginx for ${site.service}/${site.environment} stopped while reloading.`, `Its log is in ${site.errorLog}.`);
      }
      if (Date.now() > deadline) {
        throw new AppError('ROUTER_FAILED', `nginx for ${site.service}/${site.environment} did not take the new route within ${timeoutMs / 1000} s.`, `Its log is in ${site.errorLog}.`);
      }
      await sleep(POLL_MS);
    }
  }
}

async function newLogProblems(file: string, offset: number): Promise<string> {
  const text = await readFile(file).then((buffer) => buffer.subarray(offset).toString('utf8'), () => '');
  const serious = text.split('\n').filter((line) => /\[(emerg|alert)\]/.test(line));
  return serious.length === 0 ? '' : nginxProblems(serious.map((line) => line.replace(/^.*?\[(emerg|alert)\] \d+#\d+: /, '[$1] ')).join('\n'));
}

function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted === true) throw new AppError('CANCELLED', 'The route change was cancelled before it was loaded.');
}
