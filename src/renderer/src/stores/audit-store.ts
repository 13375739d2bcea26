import { create } from 'zustand';
import type { AuditEntry } from '../../../shared/domain/workspace';
import type { AppErrorData } from '../../../shared/result';
import { call } from '../api/client';
import { createLatestGuard } from '../lib/latest-guard';
import type { LoadStatus } from './services-store';

const PAGE = 100;

interface AuditState {
  readonly status: LoadStatus;
  readonly entries: readonly AuditEntry[];
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly error: AppErrorData | null;
  /** Loads the newest entries (again). */
  load(): Promise<void>;
  /** Appends the next older page. */
  loadMore(): Promise<void>;
}

const guard = createLatestGuard();

export const useAuditStore = create<AuditState>()((set, get) => ({
  status: 'idle',
  entries: [],
  hasMore: false,
  loadingMore: false,
  error: null,

  async load() {
    const ticket = guard.next();
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    const result = await call('audit.list', { limit: PAGE });
    if (!guard.isCurrent(ticket)) return;
    if (result.ok) {
      set({ status: 'ready', entries: result.value, hasMore: result.value.length === PAGE, error: null, loadingMore: false });
    } else {
      set({ status: 'error', error: result.error, loadingMore: false });
    }
  },

  async loadMore() {
    const { entries, loadingMore, hasMore } = get();
    const last = entries[entries.length - 1];
    if (loadingMore || !hasMore || !last) return;
    const ticket = guard.current();
    set({ loadingMore: true });
    const result = await call('audit.list', { limit: PAGE, beforeId: last.id });
    if (!guard.isCurrent(ticket)) return;
    if (result.ok) {
      set({ entries: [...entries, ...result.value], hasMore: result.value.length === PAGE, loadingMore: false });
    } else {
      set({ error: result.error, loadingMore: false });
    }
  }
}));
