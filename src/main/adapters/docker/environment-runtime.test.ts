// The runtime's pure parts: how an engine's container reads back as an Instance, the PORT it is told,
// the engine errors it names, the logs it splits, and the error when no engine answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rejection } from '../../testing/rejection';
import { createDockerEnvironmentRuntime } from './environment-runtime';
import { imageNotFound, isPortTaken } from './environment-runtime-errors';
import { containerName, instanceEnv, instanceLabels, networkName, toInstance, type InspectedContainer } from './environment-runtime-labels';
import { logLines } from './environment-runtime-logs';
import type { InstanceSpec } from '../../ports/environment-runtime';

const spec: InstanceSpec = {
  service: 'shop-api',
  environment: 'prod',
  role: 'canary',
  index: 2,
  imageReference: '127.0.0.1:5000/shop/api@sha256:' + 'a'.repeat(64),
  digest: 'sha256:' + 'a'.repeat(64),
  deploymentId: 41,
  env: { PORT: '9999', GREETING: 'hello' }
};

function inspected(overrides: Partial<InspectedContainer> = {}): InspectedContainer {
  return {
    Id: 'c0ffee',
    Name: '/shipdeck-shop-api-prod-canary-2-7f3a',
    Config: { Labels: instanceLabels(spec), Env: instanceEnv(spec) },
    State: { Status: 'running', Running: true, StartedAt: '2026-01-02T03:04:05.000Z' },
    NetworkSettings: { Ports: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '40123' }] } },
    ...overrides
  };
}

describe('instances on the engine', () => {
  it('names the network and the container after the service, environment, role and index', () => {
    expect(networkName('shop-api', 'prod')).toBe('shipdeck-shop-api-prod');
    expect(containerName(spec)).toMatch(/^shipdeck-shop-api-prod-canary-2-[0-9a-f]{4}$/);
    expect(networkName('shop api/x', 'prod')).toBe('shipdeck-shop-api-x-prod');
  });

  it('always tells the instance PORT=8080, whatever the extra environment says', () => {
    expect(instanceEnv(spec)).toEqual(['GREETING=hello', 'PORT=8080']);
  });

  it('reads a labelled container back as the instance it was started as', () => {
    expect(toInstance(inspected())).toEqual({
      id: 'c0ffee',
      name: 'shipdeck-shop-api-prod-canary-2-7f3a',
      service: 'shop-api',
      environment: 'prod',
      role: 'canary',
      index: 2,
      digest: spec.digest,
      imageReference: spec.imageReference,
      deploymentId: 41,
      containerPort: 8080,
      hostPort: 40123,
      networkAddress: 'shipdeck-shop-api-prod-canary-2-7f3a:8080',
      state: 'running',
      startedAt: '2026-01-02T03:04:05.000Z'
    });
  });

  it('has no host port when stopped, and no start time when never started', () => {
    const stopped = toInstance(inspected({ State: { Status: 'created', Running: false, StartedAt: '0001-01-01T00:00:00Z' } }));
    expect(stopped).toMatchObject({ state: 'created', hostPort: null, startedAt: null });
  });

  it('skips a container whose labels are not an instance (another tool, or edited by hand)', () => {
    expect(toInstance(inspected({ Config: { Labels: { ...instanceLabels(spec), 'shipdeck.role': 'primary' } } }))).toBeNull();
    expect(toInstance(inspected({ Config: { Labels: { 'shipdeck.run': 'r1' } } }))).toBeNull();
  });
});

describe('engine errors', () => {
  it('recognises a taken host port in both ways the engine says it', () => {
    const proxy = { statusCode: 500, json: { message: 'driver failed programming external connectivity on endpoint x: Error starting userland proxy: listen tcp4 127.0.0.1:5000: bind: address already in use' } };
    const allocated = { statusCode: 500, json: { message: 'Bind for 127.0.0.1:5000 failed: port is already allocated' } };
    expect(isPortTaken(proxy)).toBe(true);
    expect(isPortTaken(allocated)).toBe(true);
    expect(isPortTaken({ statusCode: 500, json: { message: 'no space left on device' } })).toBe(false);
  });

  it('names a missing image and says it may have been pruned', () => {
    const error = imageNotFound('sha256:' + 'b'.repeat(64));
    expect(error.code).toBe('IMAGE_NOT_FOUND');
    expect(error.message).toContain('sha256:' + 'b'.repeat(64));
    expect(error.message).toContain('not in the local Docker engine');
    expect(error.message).toContain('may have been pruned');
  });
});

describe('log lines', () => {
  const frame = (stream: 1 | 2, text: string): Buffer => {
    const payload = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(payload.length, 4);
    return Buffer.concat([header, payload]);
  };

  it('puts stdout and stderr back into lines, in the order they were written', () => {
    const bytes = Buffer.concat([frame(1, 'starting\nlisten'), frame(2, 'warn: slow disk\n'), frame(1, 'ing on 8080\n')]);
    expect(logLines(bytes)).toEqual(['starting', 'warn: slow disk', 'listening on 8080']);
  });

  it('reads a TTY container’s plain output too', () => {
    expect(logLines(Buffer.from('one\ntwo\n'))).toEqual(['one', 'two']);
  });
});

describe('no engine', () => {
  it('rejects TARGET_UNREACHABLE naming the socket it tried, with a hint to start Docker', async () => {
    const socket = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-no-engine-')), 'docker.sock');
    const runtime = createDockerEnvironmentRuntime({ dockerHost: `unix://${socket}` });
    const error = await rejection(runtime.ping());
    expect(error).toMatchObject({ code: 'TARGET_UNREACHABLE', message: expect.stringContaining(socket) });
    expect(`${error.message} ${error.hint ?? ''}`).toMatch(/start Docker/);
    await expect(runtime.listInstances('shop-api')).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE' });
  });
});
