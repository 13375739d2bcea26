import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { useNavigationStore } from '../../stores/navigation-store';
import boardStyles from './board.module.css';
import { StatusBadge } from './release-badges';
import { phaseLabel, TRIGGER_LABEL } from './release-format';
import styles from './releases.module.css';

/**
 * Where a person just started a release from, what became of it: recorded, moving, waiting, or how it
 * ended (a deploy may fail in seconds) — with the way to its detail. Dismissed by hand.
 */
export function StartedReleaseNote({ deploymentId, onDismiss }: { readonly deploymentId: number; readonly onDismiss: () => void }) {
  const query = useCallQuery('releases.get', { deploymentId });
  const openRelease = useNavigationStore((s) => s.openRelease);
  const release = query.data;
  const last = release?.events.at(-1);
  const failed = release && (release.status === 'failed' || release.status === 'interrupted');
  return (
    <div className={cx(styles.note, failed ? styles.noteDanger : styles.noteInfo, boardStyles.startedNote)} role="status" data-testid="started-release" data-status={release?.status}>
      <div className={boardStyles.activeTop}>
        <Button variant="link" onClick={() => openRelease(deploymentId)} data-testid="open-started-release">
          {release ? TRIGGER_LABEL[release.trigger] : 'release'} #{deploymentId}
        </Button>
        {release && <StatusBadge status={release.status} />}
        <span className="spacer" />
        <Button variant="ghost" size="small" iconOnly aria-label="Dismiss" onClick={onDismiss}>
          ✕
        </Button>
      </div>
      {last && (
        <p className={cx(styles.small, boardStyles.clamp)} title={last.detail ?? undefined}>
          {phaseLabel(last.phase)}
          {last.detail ? `: ${last.detail}` : ''}
        </p>
      )}
    </div>
  );
}
