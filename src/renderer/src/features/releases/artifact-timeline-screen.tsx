import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { screenById } from '../../app/screens';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyNote, EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Facts } from '../../components/facts';
import { Panel } from '../../components/panel';
import { RelativeTime } from '../../components/relative-time';
import { Screen, ScreenScroll } from '../../components/screen';
import { SkeletonRows } from '../../components/skeleton-rows';
import { formatAbsoluteTime } from '../../lib/relative-time';
import { useNavigationStore } from '../../stores/navigation-store';
import detailStyles from './detail.module.css';
import { StatusBadge } from './release-badges';
import { artifactLabel, personLabel, TRIGGER_LABEL } from './release-format';
import styles from './releases.module.css';
import { chronological, fate, knownStatus, runsNowIn } from './timeline-format';

/** One artifact (by digest): every environment it reached, when, by whom, and how it left. */
export function ArtifactTimelineScreen() {
  const digest = useNavigationStore((s) => s.timelineDigest);
  const back = useNavigationStore((s) => s.back);
  const backTo = useNavigationStore((s) => s.backTo);
  const openRelease = useNavigationStore((s) => s.openRelease);
  const query = useCallQuery('releases.timeline', { digest: digest ?? '' }, { enabled: digest !== null });
  const timeline = query.data;
  const entries = timeline ? chronological(timeline.entries) : [];
  const now = runsNowIn(entries);

  return (
    <Screen
      title="Artifact timeline"
      inline
      subtitle={timeline && <span className={detailStyles.where}>{`${timeline.service} · ${artifactLabel(timeline)}`}</span>}
      tools={
        <Button onClick={back} data-testid="back">
          ← {screenById(backTo).label}
        </Button>
      }
    >
      {digest === null ? (
        <EmptyState>Open an artifact's timeline from a release or from the Artifacts screen.</EmptyState>
      ) : query.isPending ? (
        <SkeletonRows label="Loading the timeline" />
      ) : !timeline ? (
        <ErrorPanel title="Could not load the timeline" error={errorData(query.error)} onRetry={() => void query.refetch()} />
      ) : (
        <ScreenScroll>
          <div className={detailStyles.content} data-testid="artifact-timeline">
            <Panel title="Artifact">
              <Facts>
                <dt>Service</dt>
                <dd>{timeline.service}</dd>
                <dt>Version</dt>
                <dd className="mono">{timeline.version ?? '—'}</dd>
                <dt>Commit</dt>
                <dd className="mono">{timeline.commitSha}</dd>
                <dt>Digest</dt>
                <dd className="mono">{timeline.digest}</dd>
                <dt>Runs now in</dt>
                <dd data-testid="runs-now-in">{now.length ? now.join(', ') : <span className={styles.muted}>no environment</span>}</dd>
              </Facts>
            </Panel>
            <Panel title="Where it went" count={entries.length}>
              {entries.length === 0 ? (
                <EmptyNote>This artifact was never deployed.</EmptyNote>
              ) : (
                <ol className={detailStyles.lane} aria-label="Where it went">
                  {entries.map((entry) => {
                    const status = knownStatus(entry.status);
                    return (
                      <li key={entry.deploymentId} className={detailStyles.entry} data-testid="timeline-entry" data-environment={entry.environment}>
                        <span className={detailStyles.entryEnv}>{entry.environment}</span>
                        <span className={detailStyles.entryRail} aria-hidden="true">
                          <span className={cx(detailStyles.entryDot, entry.left === null && entry.status === 'succeeded' && detailStyles.entryDotLive)} />
                        </span>
                        <div className={detailStyles.entryBody}>
                          <div className={detailStyles.entryLine}>
                            <Button variant="link" onClick={() => openRelease(entry.deploymentId)}>
                              {TRIGGER_LABEL[entry.trigger]} #{entry.deploymentId}
                            </Button>
                            {status ? <StatusBadge status={status} /> : <span className={styles.badge}>{entry.status}</span>}
                            <span className={styles.muted}>
                              {entry.strategy} · by {personLabel(entry.by)} · <RelativeTime iso={entry.arrivedAt} />{' '}
                              <span className={styles.faint}>({formatAbsoluteTime(entry.arrivedAt)})</span>
                            </span>
                          </div>
                          {entry.left ? (
                            <p>
                              Left <RelativeTime iso={entry.left.at} />: {entry.left.how}{' '}
                              <Button variant="link" onClick={() => entry.left && openRelease(entry.left.byDeploymentId)}>
                                release #{entry.left.byDeploymentId}
                              </Button>
                            </p>
                          ) : (
                            <p className={styles.muted}>{fate(entry)}</p>
                          )}
                        </div>
                      </li>
                    );
                  })}
                </ol>
              )}
            </Panel>
          </div>
        </ScreenScroll>
      )}
    </Screen>
  );
}
