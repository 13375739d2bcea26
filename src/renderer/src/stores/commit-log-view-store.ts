import { create } from 'zustand';
import {
  buildCommitFilter,
  EMPTY_INPUTS,
  sameFilter,
  type CommitFilter,
  type FilterInputs
} from '../features/history/commit-filter';
import { debounce } from '../lib/debounce';

export const SEARCH_DEBOUNCE_MS = 250;

/** What the log shows (UI state only; the commits themselves are a query keyed by these). */
interface CommitLogViewState {
  readonly service: string | null;
  /** Branch, tag or SHA the log starts from; null for HEAD. */
  readonly ref: string | null;
  /** What is typed in the search bar, as typed. */
  readonly inputs: FilterInputs;
  /** The filter of the list on screen (the inputs after the debounce). */
  readonly filter: CommitFilter;
  /** Why the SHA box is not used (too short, not hex), shown under it. */
  readonly shaProblem: string | null;
  /** Keyboard/mouse selection in the list; -1 for none. */
  readonly selectedIndex: number;

  /** Shows a service's log from HEAD with no filter (does nothing when it is already shown). */
  open(service: string): void;
  setRef(ref: string | null): void;
  /** Updates one search box; the list follows after a short pause in typing. */
  setInput(field: keyof FilterInputs, value: string): void;
  clearFilters(): void;
  select(index: number): void;
}

export const useCommitLogViewStore = create<CommitLogViewState>()((set, get) => {
  const applyInputs = debounce(() => {
    const built = buildCommitFilter(get().inputs);
    if (!built.ok) {
      set({ shaProblem: built.message });
      return;
    }
    set({ shaProblem: null });
    if (sameFilter(built.filter, get().filter)) return;
    set({ filter: built.filter, selectedIndex: -1 });
  }, SEARCH_DEBOUNCE_MS);

  return {
    service: null,
    ref: null,
    inputs: EMPTY_INPUTS,
    filter: {},
    shaProblem: null,
    selectedIndex: -1,

    open(service) {
      if (get().service === service) return;
      applyInputs.cancel();
      set({ service, ref: null, inputs: EMPTY_INPUTS, filter: {}, shaProblem: null, selectedIndex: -1 });
    },

    setRef(ref) {
      if (ref !== get().ref) set({ ref, selectedIndex: -1 });
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

    select(selectedIndex) {
      set({ selectedIndex });
    }
  };
});
