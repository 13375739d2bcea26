/**
 * What waits for a person across every service and environment: releases waiting for approval, canaries
 * paused at a weight, environments held after a rollback, releases interrupted. One sentence each.
 */
import type { Hold, InboxItem, Release } from '../../../../shared/domain/releases';
import { artifactLabel } from '../release-facts';

export interface InboxInput {
  /** Releases that have not settled, with the time of their latest event. */
  readonly unsettled: readonly { readonly release: Release; readonly lastEventAt: string }[];
  readonly holds: readonly Hold[];
  /** Releases shown as interrupted on the board, with the time they were marked so. */
  readonly interrupted: readonly { readonly release: Release; readonly at: string }[];
  /** Kubernetes workloads paused by hand or degraded, read from the watch. */
  readonly cluster?: readonly { readonly service: string; readonly environment: string; readonly kind: 'paused-workload' | 'degraded'; readonly summary: string; readonly since: string }[];
}

function waitingItem({ release, lastEventAt }: InboxInput['unsettled'][number]): InboxItem | null {
  const where = `${release.service} ${release.environment}`;
  const base = { service: release.service, environment: release.environment, deploymentId: release.id };
  if (release.status === 'pending-approval') {
    const what = release.trigger === 'promotion' ? `Promotion of ${artifactLabel(release)}` : `Release of ${artifactLabel(release)}`;
    return { ...base, kind: 'pending-approval', since: release.createdAt, summary: `${what} to ${where} waits for approval (asked by ${release.startedBy}).` };
  }
  if (release.phase === 'paused') {
    const at = release.weight === null ? '' : ` at ${release.weight} %`;
    return { ...base, kind: 'paused-canary', since: lastEventAt, summary: `Canary of ${artifactLabel(release)} on ${where} is paused${at}: continue or abort it.` };
  }
  return null;
}

export function inboxItems(input: InboxInput): InboxItem[] {
  const held = input.holds.map(
    (hold): InboxItem => ({
      kind: 'held',
      service: hold.service,
      environment: hold.environment,
      deploymentId: hold.deploymentId,
      since: hold.since,
      summary:
        `${hold.service} ${hold.environment} is held by ${hold.by}${hold.deploymentId === null ? '' : ` after rollback #${hold.deploymentId}`}` +
        `${hold.reason ? ` (${hold.reason})` : ''}: automation will not move it until someone releases the hold.`
    })
  );
  const interrupted = input.interrupted.map(
    ({ release, at }): InboxItem => ({
      kind: 'interrupted',
      service: release.service,
      environment: release.environment,
      deploymentId: release.id,
      since: at,
      summary: `Release #${release.id} of ${artifactLabel(release)} to ${release.service} ${release.environment} was interrupted: check what really runs, then deploy or roll back.`
    })
  );
  const waiting = input.unsettled.map(waitingItem).filter((item): item is InboxItem => item !== null);
  // What has waited longest comes first.
  const cluster = (input.cluster ?? []).map((item): InboxItem => ({ ...item, deploymentId: null }));
  return [...waiting, ...held, ...interrupted, ...cluster].sort((a, b) => a.since.localeCompare(b.since));
}
