import { create } from 'zustand';
import type { ScreenId } from '../app/screens';
import { readSetting, writeSetting } from '../lib/saved-setting';

export type HistoryMode = 'log' | 'compare';

const SELECTED_SERVICE_KEY = 'shipdeck.selectedService';

interface NavigationState {
  readonly screen: ScreenId;
  readonly historyMode: HistoryMode;
  /** The service the screens show; remembered across launches. */
  readonly selectedService: string | null;
  /** Bumped to ask the Workspace screen to bring the "Add a service" form into view and focus it. */
  readonly addServiceRequest: number;
  go(screen: ScreenId): void;
  setHistoryMode(mode: HistoryMode): void;
  selectService(name: string | null): void;
  requestAddService(): void;
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: 'history',
  historyMode: 'log',
  selectedService: readSetting(SELECTED_SERVICE_KEY),
  addServiceRequest: 0,
  go: (screen) => set({ screen }),
  setHistoryMode: (historyMode) => set({ historyMode }),
  selectService: (name) => {
    writeSetting(SELECTED_SERVICE_KEY, name);
    set({ selectedService: name });
  },
  requestAddService: () => set((s) => ({ screen: 'workspace', addServiceRequest: s.addServiceRequest + 1 }))
}));

/**
 * The service to select once the list is known: the remembered one while it exists, else the first
 * (null when there is none).
 */
export function reconciledSelection(selected: string | null, names: readonly string[]): string | null {
  if (selected !== null && names.includes(selected)) return selected;
  return names[0] ?? null;
}
