import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/result';
import { call } from '../api/client';
import { useNavigationStore } from './navigation-store';
import { useServicesStore } from './services-store';

export interface DemoProgress {
  readonly step: string;
  readonly completed: number;
  readonly total: number;
}

interface DemoState {
  readonly status: 'idle' | 'running' | 'error';
  readonly progress: DemoProgress | null;
  readonly error: AppErrorData | null;
  /** Creates (once) and opens the demo service, then shows its history. */
  open(): Promise<void>;
  /** Fed by `progress` events whose task is "demo". */
  reportProgress(progress: DemoProgress): void;
}

export const useDemoStore = create<DemoState>()((set, get) => ({
  status: 'idle',
  progress: null,
  error: null,

  async open() {
    if (get().status === 'running') return;
    set({ status: 'running', progress: null, error: null });
    const result = await call('demo.open', {});
    if (!result.ok) {
      set({ status: 'error', error: result.error });
      return;
    }
    await useServicesStore.getState().load();
    const navigation = useNavigationStore.getState();
    navigation.selectService(result.value.name);
    navigation.setHistoryMode('log');
    navigation.go('history');
    set({ status: 'idle', progress: null });
  },

  reportProgress(progress) {
    if (get().status === 'running') set({ progress });
  }
}));
