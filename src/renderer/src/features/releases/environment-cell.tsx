import { useState } from 'react';
import type { EnvironmentStatus } from '../../../../shared/domain/releases';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { ProgressBar } from '../../components/progress-bar';
import { RelativeTime } from '../../components/relative-time';
import { useNavigationStore } from '../../stores/navigation-store';
import boardStyles from './board.module.css';
import { promoteOption } from './board-layout';
import { KubeActions, KubeTargetLine, KubeWorkloads } from './kube-cell';
import { KubeConfigureDialog } from './kube-configure-dialog';
import { PromoteConfirm } from './promote-confirm';
import { ArtifactName, HealthBadge, HoldBadge } from './release-badges';
import { StartedReleaseNote } from './started-release-note';
import { activeSummary, artifactLabel, isPaused, personLabel, releaseProgress, TRIGGER_LABEL } from './release-format';
import styles from './releases.module.css';

interface EnvironmentCellProps {
  readonly status: EnvironmentStatus;
  /** The environment before this one in the service's promotion order; null for the first. */
  readonly previous: EnvironmentStatus | null;
  readonly onRollback: (status: EnvironmentStatus) => void;
  /** Opens the Kubernetes panel (revisions, analysis runs) of a kubernetes environment. */
  readonly onOpenKube: (status: EnvironmentStatus) => void;
}

function Drift({ status }: { readonly status: EnvironmentStatus }) {
  const { drift } = status;
  // With the health unknown too, the target did not answer: the board's note says so once for all.
  if (drift.kind === 'none' || (drift.kind === 'unknown' && status.health === 'unknown')) return null;
  if (drift.kind === 'unknown') {
    return (
      <p className={cx(styles.small, styles.faint)} data-testid="drift-unknown" title={drift.reason}>
        Drift not checked: {drift.reason}
      </p>
    );
  }
  return (
    <div className={cx(styles.note, styles.noteWarning)} role="note" data-testid="drift">
      <p className={styles.noteTitle}>⚠ Drift: the target does not run what the record says</p>
      <ul className={styles.reasons}>
        {drift.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}

function ActiveRelease({ status }: { readonly status: EnvironmentStatus }) {
  const openRelease = useNavigationStore((s) => s.openRelease);
  const release = status.active;
  if (!release) return null;
  const progress = releaseProgress(release);
  const paused = isPaused(release);
  return (
    <div className={cx(boardStyles.active, release.status === 'pending-approval' || paused ? boardStyles.activeWaiting : undefined)} data-testid="active-release">
      <div className={boardStyles.activeTop}>
        <Button variant="link" onClick={() => openRelease(release.id)} title="Open the release">
          {TRIGGER_LABEL[release.trigger]} #{release.id}
        </Button>
        <span className={styles.muted}>
          {artifactLabel(release)} · {activeSummary(release)}
        </span>
      </div>
      {progress && <ProgressBar label={`${status.service} ${status.environment}: ${progress.step}`} completed={progress.completed} total={progress.total} />}
    </div>
  );
}

/** One service in one environment: what runs, its health and drift, what is under way, and Promote / Rollback. */
export function EnvironmentCell({ status, previous, onRollback, onOpenKube }: EnvironmentCellProps) {
  const openRelease = useNavigationStore((s) => s.openRelease);
  const [promoting, setPromoting] = useState(false);
  const [startedId, setStartedId] = useState<number | null>(null);
  const [configuring, setConfiguring] = useState(false);
  const kubernetes = status.targetKind === 'kubernetes';
  const promote = promoteOption(status, previous, artifactLabel);
  const { current, interrupted } = status;
  const canRollBack = status.lastKnownGood !== null && status.active === null;

  return (
    <div className={boardStyles.cell} data-testid="env-cell" data-service={status.service} data-environment={status.environment}>
      <div className={boardStyles.cellTop}>
        <HealthBadge health={status.health} detail={status.healthDetail} />
        {status.hold && <HoldBadge hold={status.hold} />}
        {status.requiresApproval && (
          <span className={cx(styles.badge, styles['tone-neutral'])} title="A release here waits for someone to approve it">
            approval
          </span>
        )}
      </div>
      {kubernetes && <KubeTargetLine status={status} onConfigure={() => setConfiguring(true)} onOpenPanel={() => onOpenKube(status)} />}

      {current ? (
        <div className={boardStyles.current}>
          <Button variant="link" className={boardStyles.currentLink} onClick={() => openRelease(current.deploymentId)} title={`Open release #${current.deploymentId}`} data-testid="current-artifact">
            <ArtifactName artifact={current} />
          </Button>
          <p className={cx(styles.small, styles.muted)}>
            <RelativeTime iso={current.deployedAt} /> · {personLabel(current.deployedBy)} · {current.strategy}
          </p>
        </div>
      ) : (
        <p className={cx(styles.small, styles.faint, boardStyles.current)}>Nothing deployed yet</p>
      )}

      {kubernetes && <KubeWorkloads instances={status.instances} />}

      <Drift status={status} />

      {interrupted && (
        <div className={cx(styles.note, styles.noteDanger)} role="note" data-testid="interrupted">
          <p className={styles.noteTitle}>Interrupted</p>
          <p>
            {TRIGGER_LABEL[interrupted.trigger]} of {artifactLabel(interrupted)} stopped when Shipdeck did.{' '}
            <Button variant="link" onClick={() => openRelease(interrupted.id)}>
              See what was read back
            </Button>
          </p>
        </div>
      )}

      <ActiveRelease status={status} />
      {startedId !== null && startedId !== status.active?.id && <StartedReleaseNote deploymentId={startedId} onDismiss={() => setStartedId(null)} />}

      {promoting && promote.kind === 'ready' ? (
        <PromoteConfirm
          status={status}
          fromEnvironment={promote.from}
          onDone={(started) => {
            setPromoting(false);
            if (started) setStartedId(started.id);
          }}
        />
      ) : (
        <div className={boardStyles.actions}>
          {status.position > 0 && (
            <Button
              size="small"
              disabled={promote.kind !== 'ready'}
              title={promote.kind === 'ready' ? `Promote ${promote.label} from ${promote.from} to ${status.environment}` : `Nothing to promote: ${promote.why}`}
              onClick={() => setPromoting(true)}
              data-testid="promote"
            >
              {promote.kind === 'ready' ? `Promote ${promote.label} →` : 'Promote →'}
            </Button>
          )}
          <Button
            size="small"
            variant="danger"
            disabled={!canRollBack}
            title={
              status.active
                ? 'A release is under way here'
                : status.lastKnownGood
                  ? `Check a rollback to ${artifactLabel(status.lastKnownGood)}`
                  : 'No earlier good artifact to roll back to'
            }
            onClick={() => onRollback(status)}
            data-testid="rollback"
          >
            Rollback…
          </Button>
        </div>
      )}
      {kubernetes && <KubeActions status={status} />}
      {configuring && <KubeConfigureDialog status={status} onClose={() => setConfiguring(false)} />}
    </div>
  );
}
