import { create } from 'zustand';
import type { Branch, Tag } from '../../../shared/domain/history';
import type { AppErrorData } from '../../../shared/result';
import { call } from '../api/client';
import { createLatestGuard } from '../lib/latest-guard';
import type { LoadStatus } from './services-store';

interface HistoryRefsState {
  readonly service: string | null;
  readonly status: LoadStatus;
  readonly branches: readonly Branch[];
  readonly tags: readonly Tag[];
  readonly error: AppErrorData | null;
  /** Loads the branches and tags of a service (again, when it is the same service). */
  load(service: string): Promise<void>;
}

const guard = createLatestGuard();

export const useHistoryRefsStore = create<HistoryRefsState>()((set, get) => ({
  service: null,
  status: 'idle',
  branches: [],
  tags: [],
  error: null,

  async load(service) {
    const ticket = guard.next();
    if (get().service !== service) set({ service, status: 'loading', branches: [], tags: [], error: null });
    else set({ status: get().status === 'ready' ? 'ready' : 'loading', error: null });
    const [branches, tags] = await Promise.all([
      call('history.branches', { service }),
      call('history.tags', { service })
    ]);
    if (!guard.isCurrent(ticket)) return;
    if (!branches.ok) set({ status: 'error', error: branches.error });
    else if (!tags.ok) set({ status: 'error', error: tags.error });
    else set({ status: 'ready', branches: branches.value, tags: tags.value, error: null });
  }
}));
