import { describe, expect, it } from 'vitest';
import { diffPodTemplates } from './pod-template-diff';

const template = (image: string, env: Record<string, string>, hash: string) => ({
  metadata: { labels: { app: 'api', 'pod-template-hash': hash } },
  spec: { containers: [{ name: 'api', image, env: Object.entries(env).map(([name, value]) => ({ name, value })) }, { name: 'sidecar', image: 'proxy:1' }] }
});

describe('diffPodTemplates', () => {
  it('lists the image and env changes by container name, not the controller’s hash label', () => {
    const changes = diffPodTemplates(template('api@sha256:b', { MODE: 'fast', NEW: '1' }, 'aaa'), template('api@sha256:a', { MODE: 'safe' }, 'bbb'));
    expect(changes).toEqual([
      { setting: 'spec.containers[api].env[MODE].value', from: 'fast', to: 'safe' },
      { setting: 'spec.containers[api].env[NEW].name', from: 'NEW', to: '(none)' },
      { setting: 'spec.containers[api].env[NEW].value', from: '1', to: '(none)' },
      { setting: 'spec.containers[api].image', from: 'api@sha256:b', to: 'api@sha256:a' }
    ]);
  });

  it('finds nothing between equal templates whose containers are in another order', () => {
    const a = template('x', {}, '1');
    const b = { ...a, spec: { containers: [...a.spec.containers].reverse() } };
    expect(diffPodTemplates(a, b)).toEqual([]);
  });
});
