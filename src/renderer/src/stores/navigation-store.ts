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
  /** The release the Release detail screen shows. */
  readonly releaseId: number | null;
  /** The artifact (by digest) the Artifact timeline screen shows. */
  readonly timelineDigest: string | null;
  /** Where "Back" goes from a detail screen: the sidebar screen it was opened from. */
  readonly backTo: ScreenId;
  go(screen: ScreenId): void;
  openRelease(deploymentId: number): void;
  openTimeline(digest: string): void;
  back(): void;
  setHistoryMode(mode: HistoryMode): void;
  selectService(name: string | null): void;
  requestAddService(): void;
}

/** Screens opened from a link (a release, an artifact), not from the sidebar. */
const DETAIL_SCREENS: readonly ScreenId[] = ['release', 'artifact-timeline'];

/** A detail screen opened from another detail screen keeps the way back to where the user started. */
const backFrom = (state: Pick<NavigationState, 'screen' | 'backTo'>): ScreenId => (DETAIL_SCREENS.includes(state.screen) ? state.backTo : state.screen);

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: 'history',
  historyMode: 'log',
  selectedService: readSetting(SELECTED_SERVICE_KEY),
  addServiceRequest: 0,
  releaseId: null,
  timelineDigest: null,
  backTo: 'environments',
  go: (screen) => set({ screen }),
  openRelease: (releaseId) => set((s) => ({ screen: 'release', releaseId, backTo: backFrom(s) })),
  openTimeline: (timelineDigest) => set((s) => ({ screen: 'artifact-timeline', timelineDigest, backTo: backFrom(s) })),
  back: () => set((s) => ({ screen: s.backTo })),
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
