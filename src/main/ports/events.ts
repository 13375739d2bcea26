/**
 * Things that happened inside the core that clients may want to hear about. Use cases raise them
 * through this port (injected), and the hint and progress streams deliver them.
 */
import type { ProgressEvent, RunUpdate, WorkspaceChange } from '../../shared/contract';

export interface CoreEvents {
  readonly 'workspace.changed': WorkspaceChange;
  readonly 'task.progress': ProgressEvent;
  readonly 'runs.updated': RunUpdate;
}

export type CoreEventName = keyof CoreEvents;

export interface EventPort {
  emit<N extends CoreEventName>(name: N, payload: CoreEvents[N]): void;
  /** Calls `listener` for each event of that name until the signal aborts. */
  on<N extends CoreEventName>(name: N, listener: (payload: CoreEvents[N]) => void, signal: AbortSignal): void;
}
