import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { call, mergeFeatures, stream } from './define';
import { CALL_NAMES, FEATURES, STREAM_NAMES, isCallName, isStreamName } from './index';
import { INVALIDATES, INVALIDATES_FOR_SERVICE } from './invalidation';

describe('the contract', () => {
  it('refuses a name declared twice, saying where', () => {
    const a = { feature: 'a', calls: { 'x.get': call<number>()(z.object({}), 'x') }, streams: {} };
    const b = { feature: 'b', calls: {}, streams: { 'x.get': stream<number>()(z.object({}), 'x') } };
    expect(() => mergeFeatures([a, b])).toThrow('The contract declares "x.get" twice: in a (call) and in b (stream).');
    expect(() => mergeFeatures([a, a])).toThrow('"x.get" twice');
  });

  it('merges every feature: each call and stream comes from exactly one feature module', () => {
    const declared = FEATURES.flatMap((feature) => [...Object.keys(feature.calls), ...Object.keys(feature.streams)]);
    expect([...CALL_NAMES, ...STREAM_NAMES].sort()).toEqual([...declared].sort());
    expect(isCallName('services.list')).toBe(true);
    expect(isCallName('workspace.changes')).toBe(false);
    expect(isStreamName('workspace.changes')).toBe(true);
    expect(isCallName('__proto__')).toBe(false);
  });

  it('documents every entry, and names calls as <feature-noun>.<verb>', () => {
    for (const feature of FEATURES) {
      for (const [name, spec] of [...Object.entries(feature.calls), ...Object.entries(feature.streams)]) {
        expect(spec.doc.length, name).toBeGreaterThan(10);
        expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
      }
    }
  });

  it('invalidation hints come from real streams and name real calls', () => {
    for (const [streamName, callNames] of [...Object.entries(INVALIDATES), ...Object.entries(INVALIDATES_FOR_SERVICE)]) {
      expect(isStreamName(streamName), streamName).toBe(true);
      for (const name of callNames ?? []) expect(isCallName(name), name).toBe(true);
    }
  });
});
