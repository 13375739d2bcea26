/** What a desktop notification says about a release that ended. */
import type { Release } from '../../../../shared/domain/releases';
import { artifactLabel, STATUS_LABEL } from './release-format';

export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

/** What the notification says about a release that ended; null while it still moves or waits for a person. */
export function notificationText(release: Pick<Release, 'service' | 'environment' | 'status' | 'trigger' | 'digest' | 'version' | 'reason'>): NotificationText | null {
  if (release.status === 'in-progress' || release.status === 'pending-approval') return null;
  const what = release.trigger === 'rollback' || release.trigger === 'automatic-rollback' ? 'Rollback' : 'Deploy';
  const where = `${release.service} → ${release.environment}`;
  const artifact = artifactLabel(release);
  const outcome = release.status === 'succeeded' ? 'done' : STATUS_LABEL[release.status];
  return {
    title: `${what} ${outcome}: ${where}`,
    body: release.status === 'succeeded' ? `${artifact} now runs in ${release.environment}.` : `${artifact}${release.reason ? ` — ${release.reason}` : ''}`
  };
}
