import { useState } from 'react';
import type { Release, ReleaseDetail } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyNote, EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Facts } from '../../components/facts';
import { Icon } from '../../components/icon';
import { Panel } from '../../components/panel';
import { ProgressBar } from '../../components/progress-bar';
import { RelativeTime } from '../../components/relative-time';
import { Screen, ScreenScroll } from '../../components/screen';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Spinner } from '../../components/spinner';
import { Table } from '../../components/table';
import { formatAbsoluteTime } from '../../lib/relative-time';
import { screenById } from '../../app/screens';
import { useNavigationStore } from '../../stores/navigation-store';
import { CanaryPanels } from '../analysis/lazy-panels';
import detailStyles from './detail.module.css';
import { ArtifactName, StatusBadge } from './release-badges';
import { isPaused, personLabel, phaseLabel, plural, releaseProgress, shortSha, TRIGGER_LABEL } from './release-format';
import styles from './releases.module.css';
import { StrategySteps } from './strategy-steps';
import { useApprove, useCanaryAction, useReject } from './use-release-actions';

function ReleaseLink({ release, prefix }: { readonly release: Release; readonly prefix: string }) {
  const openRelease = useNavigationStore((s) => s.openRelease);
  return (
    <p>
      {prefix}{' '}
      <Button variant="link" onClick={() => openRelease(release.id)} data-testid="linked-release">
        {TRIGGER_LABEL[release.trigger]} #{release.id}
      </Button>{' '}
      <span className={styles.muted}>
        by {personLabel(release.startedBy)}, <RelativeTime iso={release.createdAt} />
      </span>
    </p>
  );
}

/** Approve / Reject a pending release, Continue / Abort a paused canary — where the person is looking. */
function Decision({ release }: { readonly release: ReleaseDetail }) {
  const approve = useApprove();
  const reject = useReject();
  const canary = useCanaryAction();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const error = approve.error ?? reject.error ?? canary.error;
  const pending = approve.isPending || reject.isPending || canary.isPending;
  const target = { service: release.service, environment: release.environment };
  if (release.status !== 'pending-approval' && !isPaused(release)) return null;
  return (
    <div className={cx(styles.note, styles.noteWarning, detailStyles.decision)} data-testid="release-decision">
      {release.status === 'pending-approval' ? (
        <>
          <p className={styles.noteTitle}>Waiting for approval to deploy to {release.environment}</p>
          {rejecting ? (
            <form
              className={detailStyles.inline}
              onSubmit={(event) => {
                event.preventDefault();
                if (reason.trim()) reject.mutate({ deploymentId: release.id, reason: reason.trim() });
              }}
            >
              <label className="visually-hidden" htmlFor="reject-reason">
                Why reject?
              </label>
              <input id="reject-reason" value={reason} onChange={(event) => setReason(event.target.value)} placeholder="Why reject? (required)" autoFocus />
              <Button type="submit" size="small" variant="danger-solid" disabled={!reason.trim() || pending}>
                Reject
              </Button>
              <Button size="small" onClick={() => setRejecting(false)}>
                Cancel
              </Button>
            </form>
          ) : (
            <div className={detailStyles.inline}>
              <Button size="small" variant="primary" disabled={pending} onClick={() => approve.mutate({ deploymentId: release.id })} data-testid="approve">
                {approve.isPending ? 'Approving…' : 'Approve'}
              </Button>
              <Button size="small" variant="danger" disabled={pending} onClick={() => setRejecting(true)}>
                Reject…
              </Button>
            </div>
          )}
        </>
      ) : (
        <>
          <p className={styles.noteTitle}>
            Canary paused at {release.weight ?? 0} % — continue to the next weight, or abort (all traffic back to stable)
          </p>
          <div className={detailStyles.inline}>
            <Button size="small" variant="primary" disabled={pending} onClick={() => canary.mutate({ ...target, action: 'continue' })}>
              Continue
            </Button>
            <Button size="small" variant="danger" disabled={pending} onClick={() => canary.mutate({ ...target, action: 'abort' })}>
              Abort
            </Button>
          </div>
        </>
      )}
      {error && <ErrorPanel title="That did not go through" error={errorData(error)} compact />}
    </div>
  );
}

function Summary({ release }: { readonly release: ReleaseDetail }) {
  const openTimeline = useNavigationStore((s) => s.openTimeline);
  const progress = releaseProgress(release, release.steps);
  return (
    <Panel title="Release">
      <div className={detailStyles.fromTo} data-testid="release-from-to">
        {release.previousDigest ? (
          <Button variant="link" onClick={() => openTimeline(release.previousDigest ?? '')} title="Open this artifact's timeline">
            <ArtifactName artifact={{ digest: release.previousDigest, version: release.previousVersion, commitSha: release.previousCommitSha ?? '' }} />
          </Button>
        ) : (
          <span className={styles.muted}>nothing before</span>
        )}
        <Icon name="arrow" className={detailStyles.fromToArrow} />
        <Button variant="link" onClick={() => openTimeline(release.digest)} title="Open this artifact's timeline" data-testid="release-artifact">
          <ArtifactName artifact={release} />
        </Button>
      </div>
      <Facts className={detailStyles.facts}>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={release.status} />
          {release.phase && <span className={styles.muted}> · {phaseLabel(release.phase)}</span>}
          {release.weight !== null && <span className={styles.muted}> · {release.weight} % on the new version</span>}
        </dd>
        <dt>Strategy</dt>
        <dd>{release.strategy}</dd>
        <dt>Trigger</dt>
        <dd>{TRIGGER_LABEL[release.trigger]}</dd>
        <dt>Started by</dt>
        <dd>{personLabel(release.startedBy)}</dd>
        <dt>When</dt>
        <dd>
          <RelativeTime iso={release.createdAt} /> <span className={styles.faint}>({formatAbsoluteTime(release.createdAt)})</span>
        </dd>
        {release.reason && (
          <>
            <dt>Reason</dt>
            <dd data-testid="release-reason">{release.reason}</dd>
          </>
        )}
        {release.overrideReason && (
          <>
            <dt>Override</dt>
            <dd>{release.overrideReason}</dd>
          </>
        )}
      </Facts>
      {release.rollbackOf && <ReleaseLink prefix="Rolls back" release={release.rollbackOf} />}
      {release.rolledBackBy && <ReleaseLink prefix="Rolled back by" release={release.rolledBackBy} />}
      <Decision release={release} />
      {release.steps.length > 0 && (
        <div className={detailStyles.stepsBlock}>
          <h3 className={detailStyles.subheading}>Strategy steps</h3>
          <StrategySteps steps={release.steps} />
        </div>
      )}
      {progress && <ProgressBar label="Release progress" completed={progress.completed} total={progress.total} step={progress.step} />}
    </Panel>
  );
}

function Commits({ release }: { readonly release: ReleaseDetail }) {
  return (
    <Panel title="What changed" {...(release.commits ? { count: release.commits.length } : {})}>
      {release.commits === null ? (
        <EmptyNote>Git could not say: {release.commitsProblem ?? 'the commits are unknown'}.</EmptyNote>
      ) : release.commits.length === 0 ? (
        <EmptyNote>{release.previousDigest ? 'No commits between the two artifacts.' : 'The first release here: nothing to compare with.'}</EmptyNote>
      ) : (
        <ul className={detailStyles.commits} data-testid="release-commits">
          {release.commits.map((commit) => (
            <li key={commit.sha}>
              <span className={cx('mono', styles.commit)}>{shortSha(commit.sha)}</span> <span className={detailStyles.subject}>{commit.subject}</span>{' '}
              <span className={styles.faint}>
                {commit.authorName} · <RelativeTime iso={commit.authoredAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function Timeline({ release }: { readonly release: ReleaseDetail }) {
  return (
    <Panel title="Timeline" count={release.events.length}>
      {release.events.length === 0 ? (
        <EmptyNote>No events recorded.</EmptyNote>
      ) : (
        <div data-testid="release-timeline">
          <Table label="Release events" columns={['When', 'Phase', 'Status', 'Step', 'Weight', 'Who', 'Detail']}>
            {release.events.map((event) => (
              <tr key={event.id} data-testid="release-event" data-phase={event.phase}>
                <td className="nowrap">{formatAbsoluteTime(event.at)}</td>
                <td className="nowrap">{phaseLabel(event.phase)}</td>
                <td>
                  <StatusBadge status={event.status} />
                </td>
                <td>{event.step ?? ''}</td>
                <td className="nowrap">{event.weight === null ? '' : `${event.weight} %`}</td>
                <td>{event.actor ? personLabel(event.actor) : <span className={styles.faint}>Shipdeck</span>}</td>
                <td className={detailStyles.eventDetail}>{event.detail ?? ''}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </Panel>
  );
}

function ApprovalsAndAudit({ release }: { readonly release: ReleaseDetail }) {
  return (
    <div className={detailStyles.twoColumns}>
      <Panel title="Approvals" count={release.approvals.length}>
        {release.approvals.length === 0 ? (
          <EmptyNote>{release.status === 'pending-approval' ? 'Not decided yet.' : 'None needed.'}</EmptyNote>
        ) : (
          <ul className={detailStyles.list} data-testid="release-approvals">
            {release.approvals.map((approval) => (
              <li key={approval.id}>
                <strong className={approval.decision === 'approved' ? detailStyles.approved : detailStyles.rejected}>{approval.decision}</strong> by {personLabel(approval.decidedBy)},{' '}
                <RelativeTime iso={approval.decidedAt} />
                {approval.comment && <p className={styles.muted}>“{approval.comment}”</p>}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Audit trail" count={release.audit.length}>
        {release.audit.length === 0 ? (
          <EmptyNote>No audit entries.</EmptyNote>
        ) : (
          <ul className={detailStyles.list} data-testid="release-audit">
            {release.audit.map((entry) => (
              <li key={entry.id}>
                <span className="mono">{entry.action}</span> by {personLabel(entry.actor)} <span className={styles.faint}>· {formatAbsoluteTime(entry.at)}</span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

/**
 * One release: from what to what, how (strategy steps and weights), what changed (commits), what
 * happened (events), who decided (approvals) and the audit trail. Refetched on each hint while it moves.
 */
export function ReleaseDetailScreen() {
  const id = useNavigationStore((s) => s.releaseId);
  const back = useNavigationStore((s) => s.back);
  const backTo = useNavigationStore((s) => s.backTo);
  const query = useCallQuery('releases.get', { deploymentId: id ?? 1 }, { enabled: id !== null });
  const release = query.data;

  return (
    <Screen
      title={id === null ? 'Release' : `Release #${id}`}
      inline
      subtitle={release && <span className={detailStyles.where}>{`${release.service} · ${release.environment}`}</span>}
      tools={
        <>
          {query.isFetching && !query.isPending && <Spinner label="Refreshing the release" />}
          <Button onClick={back} data-testid="back">
            ← {screenById(backTo).label}
          </Button>
        </>
      }
    >
      {id === null ? (
        <EmptyState>Open a release from the Environments board or the Rollback console.</EmptyState>
      ) : query.isPending ? (
        <SkeletonRows label="Loading the release" />
      ) : !release ? (
        <ErrorPanel title="Could not load the release" error={errorData(query.error)} onRetry={() => void query.refetch()} />
      ) : (
        <ScreenScroll>
          <div className={detailStyles.content} data-testid="release-detail" data-status={release.status}>
            <Summary release={release} />
            <CanaryPanels release={release} />
            <Commits release={release} />
            <Timeline release={release} />
            <ApprovalsAndAudit release={release} />
            {release.events.length > 0 && <p className={cx(styles.small, styles.faint)}>{plural(release.events.length, 'event')} recorded; records are never rewritten.</p>}
          </div>
        </ScreenScroll>
      )}
    </Screen>
  );
}
