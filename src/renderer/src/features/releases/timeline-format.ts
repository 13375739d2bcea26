/** How an artifact's journey reads: where it went, in order, and where it still runs. */
import { DEPLOYMENT_STATUSES, type DeploymentStatus } from '../../../../shared/domain/deployments';
import type { TimelineEntry } from '../../../../shared/domain/releases';

/** Entries in the order they happened (the core may group them by environment). */
export const chronological = (entries: readonly TimelineEntry[]): readonly TimelineEntry[] =>
  [...entries].sort((a, b) => Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt) || a.deploymentId - b.deploymentId);

/** The environments it runs in now: arrived, succeeded, never left. */
export const runsNowIn = (entries: readonly TimelineEntry[]): readonly string[] =>
  [...new Set(entries.filter((entry) => entry.left === null && entry.status === 'succeeded').map((entry) => entry.environment))];

/** A recorded status as the domain knows it; null for a word it does not (shown as written). */
export const knownStatus = (status: string): DeploymentStatus | null =>
  (DEPLOYMENT_STATUSES as readonly string[]).includes(status) ? (status as DeploymentStatus) : null;

/** "replaced by release #12", "rolled back by release #14"; "still runs here"; "" for a release that never arrived. */
export function fate(entry: TimelineEntry): string {
  if (entry.left) return `${entry.left.how} (release #${entry.left.byDeploymentId})`;
  if (entry.status === 'succeeded') return 'still runs here';
  if (entry.status === 'in-progress' || entry.status === 'pending-approval') return 'still going';
  return '';
}
