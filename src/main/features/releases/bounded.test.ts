import { describe, expect, it } from 'vitest';
import { bounded } from './bounded';

const never = (signal: AbortSignal, seen: AbortSignal[]) => {
  seen.push(signal);
  return new Promise<never>(() => undefined);
};

describe('bounded', () => {
  it('answers with the work when it is in time', async () => {
    await expect(bounded(async () => 42, 1000, 'The engine')).resolves.toBe(42);
  });

  it('gives up after the time, saying what did not answer, and aborts the work', async () => {
    const seen: AbortSignal[] = [];
    await expect(bounded((signal) => never(signal, seen), 20, 'The Docker engine')).rejects.toMatchObject({
      code: 'TARGET_UNREACHABLE',
      message: 'The Docker engine did not answer within 0.02 s.'
    });
    expect(seen[0]?.aborted).toBe(true);
  });

  it('stops with CANCELLED when the caller gives up, before or during the work', async () => {
    const seen: AbortSignal[] = [];
    const caller = new AbortController();
    const pending = bounded((signal) => never(signal, seen), 10_000, 'the registry', caller.signal);
    caller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen[0]?.aborted).toBe(true);
    await expect(bounded(async () => 1, 1000, 'the registry', caller.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
