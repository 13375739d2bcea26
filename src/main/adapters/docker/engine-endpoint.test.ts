import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEngineEndpoint } from './engine-endpoint';

describe('resolveEngineEndpoint', () => {
  const emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-home-'));

  it('uses the system socket when DOCKER_HOST is unset and the user has no Docker Desktop socket', () => {
    expect(resolveEngineEndpoint(undefined, false, emptyHome)).toEqual({
      kind: 'socket',
      socketPath: '/var/run/docker.sock',
      description: 'unix:///var/run/docker.sock'
    });
  });

  it("prefers Docker Desktop's per-user socket", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-home-'));
    fs.mkdirSync(path.join(home, '.docker', 'run'), { recursive: true });
    fs.writeFileSync(path.join(home, '.docker', 'run', 'docker.sock'), '');
    expect(resolveEngineEndpoint('', false, home)).toMatchObject({ socketPath: path.join(home, '.docker', 'run', 'docker.sock') });
  });

  it('reads unix:// and tcp:// addresses', () => {
    expect(resolveEngineEndpoint('unix:///run/user/1000/docker.sock', false, emptyHome)).toMatchObject({
      kind: 'socket',
      socketPath: '/run/user/1000/docker.sock'
    });
    expect(resolveEngineEndpoint('tcp://127.0.0.1:2375', false, emptyHome)).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 2375,
      protocol: 'http',
      description: 'tcp://127.0.0.1:2375'
    });
    expect(resolveEngineEndpoint('127.0.0.1', true, emptyHome)).toMatchObject({ port: 2376, protocol: 'https' });
  });

  it('refuses an address it cannot use, saying which', () => {
    expect(() => resolveEngineEndpoint('ssh://me@host', false, emptyHome)).toThrow(/DOCKER_HOST "ssh:\/\/me@host"/);
  });
});
