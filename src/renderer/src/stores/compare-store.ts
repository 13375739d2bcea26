import { create } from 'zustand';
import type { RefComparison } from '../../../shared/domain/history';
import type { AppErrorData } from '../../../shared/result';
import { call } from '../api/client';
import { createLatestGuard } from '../lib/latest-guard';

interface CompareState {
  readonly service: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly result: RefComparison | null;
  readonly error: AppErrorData | null;
  readonly selectedIndex: number;
  /** Resets to the service's default pair (null when there is nothing to compare yet). */
  init(service: string, pair: { from: string; to: string } | null): void;
  setFrom(ref: string): void;
  setTo(ref: string): void;
  swap(): void;
  run(): Promise<void>;
  select(index: number): void;
}

const guard = createLatestGuard();

export const useCompareStore = create<CompareState>()((set, get) => ({
  service: null,
  from: null,
  to: null,
  status: 'idle',
  result: null,
  error: null,
  selectedIndex: -1,

  init(service, pair) {
    guard.invalidate();
    set({ service, from: pair?.from ?? null, to: pair?.to ?? null, status: 'idle', result: null, error: null, selectedIndex: -1 });
    if (pair) void get().run();
  },

  setFrom(from) {
    set({ from });
    void get().run();
  },

  setTo(to) {
    set({ to });
    void get().run();
  },

  swap() {
    const { from, to } = get();
    set({ from: to, to: from });
    void get().run();
  },

  async run() {
    const { service, from, to } = get();
    if (!service || !from || !to) return;
    const ticket = guard.next();
    set({ status: 'loading', error: null });
    const result = await call('history.compare', { service, from, to });
    if (!guard.isCurrent(ticket)) return;
    if (result.ok) set({ status: 'ready', result: result.value, selectedIndex: -1 });
    else set({ status: 'error', error: result.error, result: null });
  },

  select(selectedIndex) {
    set({ selectedIndex });
  }
}));
