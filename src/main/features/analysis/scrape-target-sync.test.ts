// Prometheus is told where an environment's instances are: the runtime wrapper writes the environment's
// scrape targets (real files) after an instance starts or goes, from what the engine (a stand-in) lists —
// labelled with the version and the side the analysis selects on — and only for analysed environments.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFileScrapeTargets, scrapeTargetsFile } from '../../adapters/prometheus/file-scrape-targets';
import { useTempDirs } from '../../adapters/store/testing/temp-store';
import type { EnvironmentRuntimePort, Instance, InstanceSpec } from '../../ports/environment-runtime';
import { createScrapeTargetSync } from './scrape-target-sync';

const tempDir = useTempDirs('shipdeck-scrape-targets-');

/** An engine that runs nothing: instances are records, listed by service and environment. */
function recordingRuntime(): EnvironmentRuntimePort & { readonly instances: Instance[] } {
  const instances: Instance[] = [];
  let next = 1;
  const unused = () => Promise.reject(new Error('not used'));
  return {
    instances,
    ping: async () => undefined,
    imageExists: async () => true,
    imageConfig: async () => null,
    async startInstance(spec: InstanceSpec) {
      const id = `c${next++}`;
      const instance: Instance = {
        ...spec,
        id,
        name: `shipdeck-${spec.service}-${spec.environment}-${spec.role}-${spec.index}`,
        containerPort: 8080,
        hostPort: 30_000 + next,
        networkAddress: `${id}:8080`,
        state: 'running',
        startedAt: '2026-03-01T09:00:00.000Z'
      };
      instances.push(instance);
      return instance;
    },
    waitHealthy: unused,
    probe: async () => true,
    async removeInstance(id) {
      const at = instances.findIndex((instance) => instance.id === id);
      if (at >= 0) instances.splice(at, 1);
    },
    listInstances: async (service, environment) => instances.filter((instance) => instance.service === service && (environment === undefined || instance.environment === environment)),
    lastLogLines: async () => []
  };
}

const spec = (environment: string, role: InstanceSpec['role'], digest: string, index = 0): InstanceSpec => ({
  service: 'shop',
  environment,
  role,
  index,
  imageReference: digest,
  digest,
  deploymentId: 1
});

async function eventually(check: () => void): Promise<void> {
  for (let waited = 0; ; waited += 10) {
    try {
      return check();
    } catch (error) {
      if (waited > 3000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const read = (file: string): { targets: string[]; labels: Record<string, string> }[] | null => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);

describe('scrape targets kept in step with the instances', () => {
  it('lists each running instance with its version and side after one starts, and drops it after it goes', async () => {
    const dataDir = tempDir();
    const engine = recordingRuntime();
    const sync = createScrapeTargetSync({
      runtime: engine,
      targets: createFileScrapeTargets(dataDir),
      versionOf: (_service, digest) => (digest === 'sha256:1' ? '1.0.0' : '2.0.0'),
      analysed: (_service, environment) => environment === 'prod'
    });
    const file = scrapeTargetsFile(dataDir, 'shop', 'prod');
    const stable = await sync.runtime.startInstance(spec('prod', 'stable', 'sha256:1'));
    const canary = await sync.runtime.startInstance(spec('prod', 'canary', 'sha256:2'));
    await eventually(() => expect(read(file)).toHaveLength(2));
    expect(read(file)).toEqual([
      { targets: [`127.0.0.1:${stable.hostPort}`], labels: { service: 'shop', environment: 'prod', version: '1.0.0', role: 'baseline', container: stable.name } },
      { targets: [`127.0.0.1:${canary.hostPort}`], labels: { service: 'shop', environment: 'prod', version: '2.0.0', role: 'canary', container: canary.name } }
    ]);

    await sync.runtime.removeInstance(canary.id);
    await eventually(() => expect(read(file)?.map((group) => group.labels['role'])).toEqual(['baseline']));
    // Nothing is left half written beside it.
    expect(fs.readdirSync(`${dataDir}/prometheus/targets`)).toEqual(['shop-prod.json']);
  });

  it('knows the environment of an instance it only saw listed, and leaves environments without analysis alone', async () => {
    const dataDir = tempDir();
    const engine = recordingRuntime();
    const earlier = await engine.startInstance(spec('prod', 'stable', 'sha256:1'));
    await engine.startInstance(spec('dev', 'stable', 'sha256:1'));
    const sync = createScrapeTargetSync({ runtime: engine, targets: createFileScrapeTargets(dataDir), versionOf: () => '1.0.0', analysed: (_service, environment) => environment === 'prod' });

    await sync.runtime.listInstances('shop', 'prod');
    await sync.runtime.removeInstance(earlier.id);
    await eventually(() => expect(read(scrapeTargetsFile(dataDir, 'shop', 'prod'))).toEqual([]));

    await sync.runtime.startInstance(spec('dev', 'canary', 'sha256:2'));
    await sync.sync('shop', 'dev');
    expect(fs.existsSync(scrapeTargetsFile(dataDir, 'shop', 'dev'))).toBe(false);
  });
});
