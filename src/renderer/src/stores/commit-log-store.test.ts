import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Commit, CommitPage } from '../../../shared/domain/history';
import type { Result } from '../../../shared/result';

interface Pending {
  readonly name: string;
  readonly input: Record<string, unknown>;
  resolve(result: Result<CommitPage>): void;
}
const pending: Pending[] = [];

vi.mock('../api/client', () => ({
  call: (name: string, input: Record<string, unknown>) =>
    new Promise((resolve) => pending.push({ name, input, resolve }))
}));

const { useCommitLogStore, PAGE_SIZE, SEARCH_DEBOUNCE_MS } = await import('./commit-log-store');

const commit = (label: string, n: number): Commit => ({
  sha: `${label}${n}`.padEnd(40, '0'),
  parents: [],
  authorName: 'a',
  authorEmail: 'a@x',
  authoredAt: '2025-01-01T00:00:00Z',
  subject: `${label} ${n}`
});
const page = (label: string, offset: number, count: number, hasMore: boolean): Result<CommitPage> => ({
  ok: true,
  value: { commits: Array.from({ length: count }, (_, i) => commit(label, offset + i)), offset, hasMore }
});
/** Lets resolved calls run their continuations (timers are fake here, so no setTimeout). */
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('commit log store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    pending.length = 0;
    useCommitLogStore.setState({ service: null, status: 'idle' });
  });
  afterEach(() => vi.useRealTimers());

  it('loads the first page of a service', async () => {
    useCommitLogStore.getState().open('shop');
    expect(pending[0]?.input).toMatchObject({ service: 'shop', offset: 0, limit: PAGE_SIZE });
    pending[0]?.resolve(page('head', 0, 3, false));
    await vi.waitFor(() => expect(useCommitLogStore.getState().status).toBe('ready'));
    expect(useCommitLogStore.getState().commits).toHaveLength(3);
  });

  it('debounces typing and never lets a stale answer overwrite a newer one', async () => {
    useCommitLogStore.getState().open('shop');
    pending[0]?.resolve(page('head', 0, 3, false));
    await vi.waitFor(() => expect(useCommitLogStore.getState().status).toBe('ready'));

    const { setInput } = useCommitLogStore.getState();
    setInput('text', 'f');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    setInput('text', 'fi');
    setInput('text', 'fix');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(pending).toHaveLength(2); // "fix" still waits for the pause
    vi.advanceTimersByTime(1);
    expect(pending).toHaveLength(3);
    expect(pending[1]?.input).toMatchObject({ text: 'f' });
    expect(pending[2]?.input).toMatchObject({ text: 'fix' });

    pending[2]?.resolve(page('fix', 0, 2, false));
    await flush();
    pending[1]?.resolve(page('f', 0, 9, false));
    await flush();
    const state = useCommitLogStore.getState();
    expect(state.filter).toEqual({ text: 'fix' });
    expect(state.commits.map((c) => c.subject)).toEqual(['fix 0', 'fix 1']);
  });

  it('drops a next page that belongs to an older query', async () => {
    useCommitLogStore.getState().open('shop');
    pending[0]?.resolve(page('head', 0, PAGE_SIZE, true));
    await vi.waitFor(() => expect(useCommitLogStore.getState().status).toBe('ready'));

    useCommitLogStore.getState().loadMore();
    useCommitLogStore.getState().loadMore(); // a second call while one is in flight does nothing
    expect(pending).toHaveLength(2);
    expect(pending[1]?.input).toMatchObject({ offset: PAGE_SIZE });

    useCommitLogStore.getState().setRef('v1.0.0');
    pending[1]?.resolve(page('head', PAGE_SIZE, PAGE_SIZE, true));
    pending[2]?.resolve(page('tag', 0, 5, false));
    await flush();
    const state = useCommitLogStore.getState();
    expect(state.commits.map((c) => c.subject)).toEqual(['tag 0', 'tag 1', 'tag 2', 'tag 3', 'tag 4']);
    expect(state.hasMore).toBe(false);
  });

  it('does not query with an unusable SHA prefix, and says why', () => {
    useCommitLogStore.getState().open('shop');
    useCommitLogStore.getState().setInput('sha', 'xyz');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(pending).toHaveLength(1);
    expect(useCommitLogStore.getState().shaProblem).toMatch(/0–9/);
  });

  it('keeps the error of a failed load for the pane to show', async () => {
    useCommitLogStore.getState().open('shop');
    pending[0]?.resolve({ ok: false, error: { code: 'BAD_REF', message: 'no such ref', hint: 'pick another' } });
    await vi.waitFor(() => expect(useCommitLogStore.getState().status).toBe('error'));
    expect(useCommitLogStore.getState().error).toMatchObject({ code: 'BAD_REF', hint: 'pick another' });
  });
});
