import { create } from 'zustand';
import type { Environment, Service } from '../../../shared/domain/workspace';
import type { AppErrorData, Result } from '../../../shared/result';
import { call } from '../api/client';
import { createLatestGuard } from '../lib/latest-guard';
import { useNavigationStore } from './navigation-store';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ServicesState {
  readonly status: LoadStatus;
  readonly services: readonly Service[];
  readonly error: AppErrorData | null;
  /** Loads (or refreshes) the list; keeps showing the old list while refreshing. */
  load(): Promise<void>;
  add(input: { name: string; repoPath: string; imageRepository?: string }): Promise<Result<Service>>;
  setEnvironments(service: string, environments: readonly EnvironmentDraft[]): Promise<Result<Service>>;
}

/** An environment as the user sets it; its place in the list is its promotion order. */
export type EnvironmentDraft = Omit<Environment, 'position'>;

const guard = createLatestGuard();

/** Keeps the remembered service valid: the first service when the remembered one is gone. */
function reconcileSelection(services: readonly Service[]): void {
  const { selectedService, selectService } = useNavigationStore.getState();
  if (selectedService && services.some((s) => s.name === selectedService)) return;
  selectService(services[0]?.name ?? null);
}

export const useServicesStore = create<ServicesState>()((set, get) => {
  const replace = (service: Service) => {
    const others = get().services.filter((s) => s.name !== service.name);
    set({ services: [...others, service].sort((a, b) => a.name.localeCompare(b.name)) });
  };

  return {
    status: 'idle',
    services: [],
    error: null,

    async load() {
      const ticket = guard.next();
      if (get().status !== 'ready') set({ status: 'loading', error: null });
      const result = await call('services.list', {});
      if (!guard.isCurrent(ticket)) return;
      if (result.ok) {
        set({ status: 'ready', services: result.value, error: null });
        reconcileSelection(result.value);
      } else {
        set({ status: 'error', error: result.error });
      }
    },

    async add(input) {
      const result = await call('services.add', input);
      if (result.ok) replace(result.value);
      return result;
    },

    async setEnvironments(service, environments) {
      const result = await call('environments.set', { service, environments: [...environments] });
      if (result.ok) replace(result.value);
      return result;
    }
  };
});
