import { create } from 'zustand';
import { readSetting, writeSetting } from '../lib/saved-setting';

/** The screens that exist. A new screen is one more member here and one more case in the shell. */
export type Screen = 'history' | 'workspace';
export type HistoryMode = 'log' | 'compare';

const SELECTED_SERVICE_KEY = 'shipdeck.selectedService';

interface NavigationState {
  readonly screen: Screen;
  readonly historyMode: HistoryMode;
  /** The service the screens show; remembered across launches. */
  readonly selectedService: string | null;
  /** Bumped to ask the Workspace screen to bring the "Add a service" form into view and focus it. */
  readonly addServiceRequest: number;
  go(screen: Screen): void;
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
