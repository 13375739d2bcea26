import { create } from 'zustand';

/** The two refs being compared and the selected row (the comparison itself is a query). */
interface CompareViewState {
  readonly service: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly selectedIndex: number;
  /** Resets to the service's default pair (null when there is nothing to compare yet). */
  init(service: string, pair: { from: string; to: string } | null): void;
  setFrom(ref: string): void;
  setTo(ref: string): void;
  swap(): void;
  select(index: number): void;
}

export const useCompareViewStore = create<CompareViewState>()((set, get) => ({
  service: null,
  from: null,
  to: null,
  selectedIndex: -1,
  init: (service, pair) => set({ service, from: pair?.from ?? null, to: pair?.to ?? null, selectedIndex: -1 }),
  setFrom: (from) => set({ from, selectedIndex: -1 }),
  setTo: (to) => set({ to, selectedIndex: -1 }),
  swap: () => set({ from: get().to, to: get().from, selectedIndex: -1 }),
  select: (selectedIndex) => set({ selectedIndex })
}));
