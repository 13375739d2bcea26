import type { Release } from '../../../../shared/domain/releases';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { ProgressBar } from '../../components/progress-bar';
import { useNavigationStore } from '../../stores/navigation-store';
import dialogStyles from './dialog.module.css';
import { StatusBadge } from './release-badges';
import { artifactLabel, isUnsettled, phaseLabel, releaseProgress } from './release-format';
import styles from './releases.module.css';
import { useReleaseFollow } from './use-release-follow';

/** A rollback once confirmed: its events as they happen, a progress bar, then the result. */
export function RollbackProgress({ release: started }: { readonly release: Release }) {
  const follow = useReleaseFollow(started.id);
  // The record (refetched on each hint) says where the release stands; the stream says what just happened.
  const detail = useCallQuery('releases.get', { deploymentId: started.id });
  const openRelease = useNavigationStore((s) => s.openRelease);
  const last = follow.events.at(-1);
  const release = detail.data ?? started;
  const status = detail.data?.status ?? last?.status ?? started.status;
  const progress = releaseProgress({ ...release, status, weight: last?.weight ?? release.weight, phase: last?.phase ?? release.phase }, detail.data?.steps);

  return (
    <div className={dialogStyles.progress} data-testid="rollback-progress" data-status={status}>
      <p>
        Rollback #{started.id} to <strong>{artifactLabel(started)}</strong> <StatusBadge status={status} />
      </p>
      {isUnsettled(status) && progress && <ProgressBar label="Rollback progress" completed={progress.completed} total={progress.total} step={last ? phaseLabel(last.phase) : progress.step} />}
      {status === 'succeeded' && (
        <div className={cx(styles.note, styles.noteInfo)} role="status" data-testid="rollback-result">
          <span className={styles.noteTitle}>Rolled back.</span> {artifactLabel(started)} runs in {started.environment}, which is now held until someone releases
          the hold.
        </div>
      )}
      {(status === 'failed' || status === 'interrupted' || status === 'rolled-back') && (
        <div className={cx(styles.note, styles.noteDanger)} role="alert" data-testid="rollback-result">
          <span className={styles.noteTitle}>The rollback {status === 'failed' ? 'failed' : status === 'interrupted' ? 'was interrupted' : 'was undone'}.</span>{' '}
          {last?.detail ?? release.reason ?? ''}
        </div>
      )}
      {follow.events.length > 0 && (
        <ol className={dialogStyles.events} aria-label="What happened">
          {follow.events.slice(-8).map((event) => (
            <li key={event.id}>
              <span className={dialogStyles.eventPhase}>{phaseLabel(event.phase)}</span>
              {event.weight !== null && <span className={styles.muted}> · {event.weight} %</span>}
              {event.detail && <span className={styles.muted}> — {event.detail}</span>}
            </li>
          ))}
        </ol>
      )}
      <Button variant="link" onClick={() => openRelease(started.id)}>
        Open the release
      </Button>
    </div>
  );
}
