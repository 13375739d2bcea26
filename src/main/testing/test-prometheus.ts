/**
 * Debian's Prometheus for tests: started on a free 127.0.0.1 port with its own storage in a folder of the
 * test's, scraping every second what the scrape targets folder (file_sd, as Shipdeck writes it) lists —
 * the configuration a user's Prometheus needs, in small — and stopped by the test.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './release-fixture';

export const PROMETHEUS_BINARY = '/usr/bin/prometheus';

export interface TestPrometheus {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Stops the process (idempotent). */
  stop(): Promise<void>;
}

export interface TestPrometheusOptions {
  readonly dir: string;
  /** The folder of `*.json` scrape targets to read. */
  readonly targetsFolder: string;
  readonly scrapeIntervalSeconds?: number;
}

/** True when Debian's prometheus is installed (for requireComponent('prometheus', …)). */
export async function prometheusInstalled(): Promise<boolean> {
  return fs.existsSync(PROMETHEUS_BINARY) && spawnSync(PROMETHEUS_BINARY, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The scrape configuration a user adds to read Shipdeck's targets (JSON is YAML). */
export function shipdeckScrapeConfig(targetsFolder: string, scrapeIntervalSeconds: number): object {
  return {
    global: { scrape_interval: `${scrapeIntervalSeconds}s`, evaluation_interval: `${scrapeIntervalSeconds}s` },
    scrape_configs: [
      {
        job_name: 'shipdeck',
        scrape_interval: `${scrapeIntervalSeconds}s`,
        scrape_timeout: `${Math.round(Math.max(1, scrapeIntervalSeconds) * 800)}ms`,
        file_sd_configs: [{ files: [path.join(targetsFolder, '*.json')], refresh_interval: '5s' }]
      }
    ]
  };
}

export async function startTestPrometheus(options: TestPrometheusOptions): Promise<TestPrometheus> {
  fs.mkdirSync(options.dir, { recursive: true });
  fs.mkdirSync(options.targetsFolder, { recursive: true });
  const port = await freePort();
  const configPath = path.join(options.dir, 'prometheus.yml');
  fs.writeFileSync(configPath, JSON.stringify(shipdeckScrapeConfig(options.targetsFolder, options.scrapeIntervalSeconds ?? 1), null, 2));
  const logPath = path.join(options.dir, 'prometheus.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${path.join(options.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn'
    ],
    { stdio: ['ignore', log, log] }
  );
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}): ${fs.readFileSync(logPath, 'utf8').slice(-2000)}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus did not get ready on ${url}: ${fs.readFileSync(logPath, 'utf8').slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
    }
  };
}
