/**
 * The orchestrator's writes to a release's record, each told to the clients: an appended event goes out
 * as `releases.event` and a `releases.changed` hint; a release is read without its events and approvals.
 */
import type { Release, ReleaseEvent } from '../../../shared/domain/releases';
import type { EventPort } from '../../ports/events';
import type { NewReleaseEvent, ReleasesStore } from '../../ports/store';
import { releaseNotFound } from './release-messages';

/** Which release, and where it goes: enough to record an event and tell the clients. */
export interface Where {
  readonly id: number;
  readonly service: string;
  readonly environment: string;
}

export interface ReleaseRecord {
  announce(where: Where): void;
  append(where: Where, event: NewReleaseEvent): Promise<ReleaseEvent>;
  /** Throws NOT_FOUND when there is no such release. */
  view(deploymentId: number): Release;
}

export function releaseRecord(releases: ReleasesStore, events: EventPort): ReleaseRecord {
  const announce = (where: Where): void => events.emit('releases.changed', { service: where.service, environment: where.environment, deploymentId: where.id });
  return {
    announce,
    async append(where, event) {
      const recorded = await releases.appendReleaseEvent(where.id, event);
      events.emit('releases.event', { deploymentId: where.id, event: recorded });
      announce(where);
      return recorded;
    },
    view(deploymentId) {
      const detail = releases.getRelease(deploymentId);
      if (!detail) throw releaseNotFound(deploymentId);
      const { events: _events, approvals: _approvals, ...release } = detail;
      return release;
    }
  };
}
