import { create } from 'zustand';

/** Which commit the detail pane shows (its content is the `history.commit` query). */
interface OpenCommitState {
  readonly service: string | null;
  readonly sha: string | null;
  open(service: string, sha: string): void;
  close(): void;
}

export const useOpenCommitStore = create<OpenCommitState>()((set) => ({
  service: null,
  sha: null,
  open: (service, sha) => set({ service, sha }),
  close: () => set({ sha: null })
}));
