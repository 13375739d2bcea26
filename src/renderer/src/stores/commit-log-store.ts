import { create } from 'zustand';
import type { Commit } from '../../../shared/domain/history';
import type { AppErrorData } from '../../../shared/result';
import { call } from '../api/client';
import { appendPage } from '../features/history/commit-pages';
import {
  buildCommitFilter,
  EMPTY_INPUTS,
  sameFilter,
  type CommitFilter,
  type FilterInputs
} from '../features/history/commit-filter';
import { debounce } from '../lib/debounce';
import { createLatestGuard } from '../lib/latest-guard';
import type { LoadStatus } from './services-store';

export const PAGE_SIZE = 200;
export const SEARCH_DEBOUNCE_MS = 250;

interface CommitLogState {
  readonly service: string | null;
  /** Branch, tag or SHA the log starts from; null for HEAD. */
  readonly ref: string | null;
  /** What is typed in the search bar, as typed. */
  readonly inputs: FilterInputs;
  /** The filter of the list on screen (the inputs after the debounce). */
  readonly filter: CommitFilter;
  /** Why the SHA box is not used (too short, not hex), shown under it. */
  readonly shaProblem: string | null;
  readonly status: LoadStatus;
  readonly commits: readonly Commit[];
  readonly hasMore: boolean;
  readonly error: AppErrorData | null;
  readonly pageStatus: 'idle' | 'loading' | 'error';
  readonly pageError: AppErrorData | null;
  /** Keyboard/mouse selection in the list; -1 for none. */
  readonly selectedIndex: number;

  /** Shows a service's log from HEAD with no filter (does nothing when it is already shown). */
  open(service: string): void;
  setRef(ref: string | null): void;
  /** Updates one search box; the list follows after a short pause in typing. */
  setInput(field: keyof FilterInputs, value: string): void;
  clearFilters(): void;
  /** Loads the first page again (Retry, Refresh). */
  reload(): void;
  /** Loads the next page, once, when there is one. */
  loadMore(): void;
  select(index: number): void;
}

/** One ticket per query (service + ref + filter): pages of an older query are dropped. */
const guard = createLatestGuard();

export const useCommitLogStore = create<CommitLogState>()((set, get) => {
  const fetchFirstPage = async () => {
    const { service, ref, filter } = get();
    if (!service) return;
    const ticket = guard.next();
    set({ status: 'loading', error: null, pageStatus: 'idle', pageError: null });
    const result = await call('history.commits', {
      service,
      ...(ref ? { ref } : {}),
      ...filter,
      offset: 0,
      limit: PAGE_SIZE
    });
    if (!guard.isCurrent(ticket)) return;
    if (result.ok) {
      set({ status: 'ready', commits: result.value.commits, hasMore: result.value.hasMore, selectedIndex: -1 });
    } else {
      set({ status: 'error', error: result.error, commits: [], hasMore: false, selectedIndex: -1 });
    }
  };

  const applyInputs = debounce(() => {
    const built = buildCommitFilter(get().inputs);
    if (!built.ok) {
      set({ shaProblem: built.message });
      return;
    }
    set({ shaProblem: null });
    if (sameFilter(built.filter, get().filter) && get().status !== 'error') return;
    set({ filter: built.filter });
    void fetchFirstPage();
  }, SEARCH_DEBOUNCE_MS);

  return {
    service: null,
    ref: null,
    inputs: EMPTY_INPUTS,
    filter: {},
    shaProblem: null,
    status: 'idle',
    commits: [],
    hasMore: false,
    error: null,
    pageStatus: 'idle',
    pageError: null,
    selectedIndex: -1,

    open(service) {
      if (get().service === service && get().status !== 'idle') return;
      applyInputs.cancel();
      set({ service, ref: null, inputs: EMPTY_INPUTS, filter: {}, shaProblem: null, commits: [], hasMore: false });
      void fetchFirstPage();
    },

    setRef(ref) {
      if (ref === get().ref) return;
      set({ ref, commits: [], hasMore: false });
      void fetchFirstPage();
    },

    setInput(field, value) {
      set({ inputs: { ...get().inputs, [field]: value } });
      applyInputs();
    },

    clearFilters() {
      set({ inputs: EMPTY_INPUTS, shaProblem: null });
      applyInputs();
      applyInputs.flush();
    },

    reload() {
      void fetchFirstPage();
    },

    loadMore() {
      const { service, ref, filter, commits, hasMore, status, pageStatus } = get();
      if (!service || !hasMore || status !== 'ready' || pageStatus === 'loading') return;
      const ticket = guard.current();
      set({ pageStatus: 'loading', pageError: null });
      void call('history.commits', {
        service,
        ...(ref ? { ref } : {}),
        ...filter,
        offset: commits.length,
        limit: PAGE_SIZE
      }).then((result) => {
        if (!guard.isCurrent(ticket)) return;
        if (!result.ok) {
          set({ pageStatus: 'error', pageError: result.error });
          return;
        }
        const merged = appendPage(get().commits, result.value);
        set({
          pageStatus: 'idle',
          ...(merged ? { commits: merged, hasMore: result.value.hasMore } : {})
        });
      });
    },

    select(index) {
      set({ selectedIndex: index });
    }
  };
});
