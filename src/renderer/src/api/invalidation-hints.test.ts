import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { StreamName } from '../../../shared/contract';
import { INVALIDATES } from '../../../shared/contract/invalidation';
import { connectInvalidationHints } from './invalidation-hints';
import type { StreamHandlers } from './client';

/** Records subscriptions so a test can play the core's part. */
function fakeStreams() {
  const open = new Map<string, StreamHandlers<unknown>>();
  const subscribe = (name: StreamName, _input: unknown, handlers: StreamHandlers<unknown>) => {
    open.set(name, handlers);
    return () => open.delete(name);
  };
  return { open, subscribe };
}

function seeded(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(['services.list', {}], []);
  client.setQueryData(['audit.list', { limit: 100 }, 'pages'], { pages: [], pageParams: [] });
  client.setQueryData(['history.tags', { service: 'api' }], []);
  client.setQueryData(['history.tags', { service: 'web' }], []);
  return client;
}

const invalidated = (client: QueryClient, name: string, service?: string) =>
  client
    .getQueryCache()
    .findAll({ queryKey: service === undefined ? [name] : [name, { service }] })
    .every((query) => query.state.isInvalidated);

describe('connectInvalidationHints', () => {
  it('subscribes to every hint stream of the contract', () => {
    const streams = fakeStreams();
    const off = connectInvalidationHints(seeded(), streams.subscribe);
    expect([...streams.open.keys()].sort()).toEqual(Object.keys(INVALIDATES).sort());
    off();
    expect(streams.open.size).toBe(0);
  });

  it('invalidates the calls a hint names, whatever their input, and nothing else', () => {
    const streams = fakeStreams();
    const client = seeded();
    connectInvalidationHints(client, streams.subscribe, { 'workspace.changes': ['services.list', 'audit.list'] }, {});
    expect(invalidated(client, 'services.list')).toBe(false);
    streams.open.get('workspace.changes')?.onItems([{ service: 'api' }], 1);
    expect(invalidated(client, 'services.list')).toBe(true);
    expect(invalidated(client, 'audit.list')).toBe(true);
    expect(invalidated(client, 'history.tags')).toBe(false);
  });

  it('invalidates after a reset too, since hints may have been missed', () => {
    const streams = fakeStreams();
    const client = seeded();
    connectInvalidationHints(client, streams.subscribe, { 'workspace.changes': ['services.list'] }, {});
    streams.open.get('workspace.changes')?.onReset?.();
    expect(invalidated(client, 'services.list')).toBe(true);
  });

  it("invalidates a service's history only for the service a hint names, and all of it after a reset", () => {
    const streams = fakeStreams();
    const client = seeded();
    connectInvalidationHints(client, streams.subscribe, {}, { 'workspace.changes': ['history.tags'] });
    streams.open.get('workspace.changes')?.onItems([{ service: 'api' }], 1);
    expect(invalidated(client, 'history.tags', 'api')).toBe(true);
    expect(invalidated(client, 'history.tags', 'web')).toBe(false);
    expect(invalidated(client, 'services.list')).toBe(false);
    streams.open.get('workspace.changes')?.onReset?.();
    expect(invalidated(client, 'history.tags', 'web')).toBe(true);
  });
});
