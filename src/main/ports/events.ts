/**
 * Things that happened inside the core that clients may want to hear about. Use cases raise them
 * through this port (injected), and the hint and progress streams deliver them.
 */
import type { ProgressEvent, RunUpdate, WorkspaceChange } from '../../shared/contract';
import type { ReleaseChange, ReleaseEvent } from '../../shared/domain/releases';
import type { KubernetesChange } from '../../shared/contract/kubernetes';

export interface CoreEvents {
  readonly 'workspace.changed': WorkspaceChange;
  readonly 'task.progress': ProgressEvent;
  readonly 'runs.updated': RunUpdate;
  /** A release moved, or an environment's settings or hold changed. */
  readonly 'releases.changed': ReleaseChange;
  /** An event appended to a release's record. */
  readonly 'releases.event': { readonly deploymentId: number; readonly event: ReleaseEvent };
  /** A watched workload of a kubernetes environment changed (the board's cell is stale). */
  readonly 'kubernetes.changed': KubernetesChange;
}

export type CoreEventName = keyof CoreEvents;

export interface EventPort {
  emit<N extends CoreEventName>(name: N, payload: CoreEvents[N]): void;
  /** Calls `listener` for each event of that name until the signal aborts. */
  on<N extends CoreEventName>(name: N, listener: (payload: CoreEvents[N]) => void, signal: AbortSignal): void;
}
