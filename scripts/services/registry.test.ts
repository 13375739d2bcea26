import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRegistryPort } from '../../src/main/adapters/registry/registry-adapter';
import { requireComponent } from '../../src/main/testing/components';
import { pushTestImage } from '../../src/main/testing/push-test-image';
import { freePort, registryToolsInstalled } from '../../src/main/testing/test-registry';

const available = await requireComponent('registry', registryToolsInstalled);
const script = path.join(__dirname, 'registry.sh');
const run = (...args: string[]) => spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { ...process.env } });

describe.skipIf(!available)('scripts/services/registry.sh', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-registry-script-'));
  afterAll(() => {
    run('stop', dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts a registry on 127.0.0.1 with deletes enabled, idempotently, and stops it idempotently', async () => {
    const port = await freePort();
    const started = run('start', dir, String(port));
    expect(started.status, started.stderr).toBe(0);
    expect(run('start', dir, String(port)).stdout).toContain('already running');
    expect(run('status', dir).status).toBe(0);

    const host = `127.0.0.1:${port}`;
    const image = await pushTestImage({ baseUrl: `http://${host}`, repository: 'demo/app' }, 'v1');
    const client = createRegistryPort({ credentials: { get: () => Promise.resolve(null) } }).open({ host });
    await client.deleteManifest('demo/app', image.digest);
    expect(await client.hasManifest('demo/app', image.digest)).toBe(false);

    expect(run('stop', dir).status).toBe(0);
    expect(run('stop', dir).stdout).toContain('not running');
    expect(run('status', dir).status).toBe(1);
    expect((await client.ping().catch((error: { code?: string }) => error)) as { code?: string }).toMatchObject({ code: 'REGISTRY_UNREACHABLE' });
  });

  it('refuses a bad port without starting anything', () => {
    const refused = run('start', dir, 'not-a-port');
    expect(refused.status).toBe(2);
    expect(fs.existsSync(path.join(dir, 'registry.pid'))).toBe(false);
  });
});
