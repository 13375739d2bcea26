import { useState } from 'react';
import type { EnvironmentStatus } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyState } from '../../components/empty-state';
import { ErrorBoundary } from '../../components/error-boundary';
import { ErrorPanel } from '../../components/error-panel';
import { Icon } from '../../components/icon';
import { RelativeTime } from '../../components/relative-time';
import { Screen } from '../../components/screen';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Spinner } from '../../components/spinner';
import { WelcomePanel } from '../workspace/welcome-panel';
import boardStyles from './board.module.css';
import { BoardGrid } from './board-grid';
import { BOARD_REFRESH_MS, unreadTargets } from './board-layout';
import { InboxPanel } from './inbox-panel';
import { KubePanelDialog } from './kube-panel-dialog';
import styles from './releases.module.css';
import { RollbackDialog } from './rollback-dialog';

/** Shown when the records answered but some targets did not: what is on screen is the record, not a live reading. */
export function TargetsNote({ count, total, reason }: ReturnType<typeof unreadTargets>) {
  if (count === 0) return null;
  return (
    <div className={cx(styles.note, styles.noteWarning, boardStyles.banner)} role="status" data-testid="targets-unread">
      <span className={styles.noteTitle}>{count === total ? 'Targets did not answer' : `${count} of ${total} targets did not answer`}</span> — versions and history come from
      the local record; health and drift are unknown{reason ? `: ${reason}` : '.'}
    </div>
  );
}

/**
 * The Environments board: every service × environment (what runs, health, drift, holds, what is under
 * way) with Promote and Rollback, beside the inbox of what waits for a person. Refetched on each
 * `releases.changes` hint.
 */
export function EnvironmentsScreen() {
  const query = useCallQuery('releases.board', {}, { refetchInterval: BOARD_REFRESH_MS });
  const [rollingBack, setRollingBack] = useState<{ readonly status: EnvironmentStatus; readonly toDigest?: string } | null>(null);
  const [kubePanel, setKubePanel] = useState<EnvironmentStatus | null>(null);
  const data = query.data;

  let body;
  if (query.isPending) body = <SkeletonRows count={6} label="Loading the environments" />;
  else if (!data) body = <ErrorPanel title="Could not load the environments" error={errorData(query.error)} onRetry={() => void query.refetch()} />;
  else if (data.services.length === 0) return <WelcomePanel />;
  else {
    body = (
      <>
        {query.isError && <ErrorPanel title="Could not refresh: showing the last answer" error={errorData(query.error)} onRetry={() => void query.refetch()} compact />}
        <TargetsNote {...unreadTargets(data)} />
        <BoardGrid data={data} onRollback={(status) => setRollingBack({ status })} onOpenKube={setKubePanel} />
      </>
    );
  }

  return (
    <Screen
      title="Environments"
      inline
      subtitle={
        data && (
          <span className={cx(styles.small, styles.muted)} data-testid="board-checked">
            targets checked <RelativeTime iso={data.checkedAt} />
          </span>
        )
      }
      tools={
        <>
          {query.isFetching && !query.isPending && <Spinner label="Refreshing the environments" />}
          <Button iconOnly aria-label="Refresh" title="Read the records and the targets again" onClick={() => void query.refetch()}>
            <Icon name="refresh" />
          </Button>
        </>
      }
    >
      <div className={boardStyles.body}>
        <div className={boardStyles.main}>
          <ErrorBoundary name="Environments board">{body}</ErrorBoundary>
        </div>
        <ErrorBoundary name="Inbox">
          {data ? (
            <InboxPanel items={data.inbox} />
          ) : (
            <section className={boardStyles.inbox} aria-label="Inbox">
              <EmptyState>{query.isPending ? 'Loading…' : 'The inbox needs the board.'}</EmptyState>
            </section>
          )}
        </ErrorBoundary>
      </div>
      {kubePanel && (
        <KubePanelDialog
          status={kubePanel}
          onClose={() => setKubePanel(null)}
          onRollBackTo={(toDigest) => {
            setKubePanel(null);
            setRollingBack({ status: kubePanel, toDigest });
          }}
        />
      )}
      {rollingBack && (
        <RollbackDialog service={rollingBack.status.service} environment={rollingBack.status.environment} initialDigest={rollingBack.toDigest} onClose={() => setRollingBack(null)} />
      )}
    </Screen>
  );
}
