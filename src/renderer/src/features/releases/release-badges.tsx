import type { DeploymentStatus } from '../../../../shared/domain/deployments';
import type { ArtifactRef, Health, Hold } from '../../../../shared/domain/releases';
import { cx } from '../../components/cx';
import { Icon } from '../../components/icon';
import { formatAbsoluteTime } from '../../lib/relative-time';
import { artifactLabel, HEALTH_LABEL, personLabel, shortDigest, shortSha, STATUS_LABEL, STATUS_TONE } from './release-format';
import styles from './releases.module.css';

/** Health as a coloured dot and the word (colour is never the only signal). */
export function HealthBadge({ health, detail }: { readonly health: Health; readonly detail?: string | undefined }) {
  return (
    <span className={cx(styles.health, styles[`health-${health}`])} title={detail || undefined} data-testid="health" data-health={health}>
      <span className={styles.dot} aria-hidden="true" />
      {HEALTH_LABEL[health]}
    </span>
  );
}

export function StatusBadge({ status }: { readonly status: DeploymentStatus }) {
  return (
    <span className={cx(styles.badge, styles[`tone-${STATUS_TONE[status]}`])} data-testid="release-status" data-status={status}>
      {STATUS_LABEL[status]}
    </span>
  );
}

/** "Held" with who held it, since when and why on hover. */
export function HoldBadge({ hold }: { readonly hold: Hold }) {
  const why = `Held by ${personLabel(hold.by)} since ${formatAbsoluteTime(hold.since)}${hold.reason ? ` — ${hold.reason}` : ''}. Automation does not move it until the hold is released.`;
  return (
    <span className={cx(styles.badge, styles['tone-waiting'])} title={why} data-testid="hold-badge">
      <Icon name="lock" className={styles.badgeIcon} /> held
      <span className="visually-hidden">: {why}</span>
    </span>
  );
}

/** An artifact as people name it: the version (or short digest), with the commit beside it. */
export function ArtifactName({ artifact, showCommit = true }: { readonly artifact: Pick<ArtifactRef, 'digest' | 'version' | 'commitSha'>; readonly showCommit?: boolean }) {
  return (
    <span className={styles.artifact} title={artifact.digest}>
      <span className={cx(artifact.version ? styles.version : 'mono')}>{artifactLabel(artifact)}</span>
      {showCommit && <span className={cx('mono', styles.commit)}>{shortSha(artifact.commitSha)}</span>}
    </span>
  );
}

export function DigestText({ digest }: { readonly digest: string }) {
  return (
    <span className="mono" title={digest}>
      {shortDigest(digest)}
    </span>
  );
}
