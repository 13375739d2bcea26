import { create } from 'zustand';
import type { CommitDetail } from '../../../shared/domain/history';
import type { AppErrorData } from '../../../shared/result';
import { call } from '../api/client';
import { createLatestGuard } from '../lib/latest-guard';

interface CommitDetailState {
  readonly service: string | null;
  /** The commit the pane shows (or is loading); null when none is open. */
  readonly sha: string | null;
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly detail: CommitDetail | null;
  readonly error: AppErrorData | null;
  open(service: string, sha: string): Promise<void>;
  retry(): void;
  close(): void;
}

const guard = createLatestGuard();
/** Commits do not change: recently opened ones are shown again at once. */
const cache = new Map<string, CommitDetail>();
const CACHE_SIZE = 100;

export const useCommitDetailStore = create<CommitDetailState>()((set, get) => ({
  service: null,
  sha: null,
  status: 'idle',
  detail: null,
  error: null,

  async open(service, sha) {
    const ticket = guard.next();
    const key = `${service}\n${sha}`;
    const cached = cache.get(key);
    if (cached) {
      set({ service, sha, status: 'ready', detail: cached, error: null });
      return;
    }
    set({ service, sha, status: 'loading', error: null });
    const result = await call('history.commit', { service, sha });
    if (!guard.isCurrent(ticket)) return;
    if (result.ok) {
      cache.set(key, result.value);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      set({ status: 'ready', detail: result.value });
    } else {
      set({ status: 'error', error: result.error, detail: null });
    }
  },

  retry() {
    const { service, sha } = get();
    if (service && sha) void get().open(service, sha);
  },

  close() {
    guard.invalidate();
    set({ sha: null, status: 'idle', detail: null, error: null });
  }
}));
