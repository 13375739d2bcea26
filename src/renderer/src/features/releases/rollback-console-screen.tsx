import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { EnvironmentStatus } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Icon } from '../../components/icon';
import { ProgressBar } from '../../components/progress-bar';
import { RelativeTime } from '../../components/relative-time';
import { Screen } from '../../components/screen';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Spinner } from '../../components/spinner';
import { useNavigationStore } from '../../stores/navigation-store';
import { allEnvironments, BOARD_REFRESH_MS, unreadTargets } from './board-layout';
import { consoleKey } from './console-keys';
import consoleStyles from './console.module.css';
import { TargetsNote } from './environments-screen';
import { ArtifactName, HealthBadge, HoldBadge } from './release-badges';
import { activeSummary, releaseProgress } from './release-format';
import styles from './releases.module.css';
import { RollbackDialog } from './rollback-dialog';

const ROW_HEIGHT = 56;

function State({ status }: { readonly status: EnvironmentStatus }) {
  const openRelease = useNavigationStore((s) => s.openRelease);
  const { active, interrupted, drift } = status;
  const progress = active ? releaseProgress(active) : null;
  return (
    <div className={consoleStyles.state}>
      {status.hold && <HoldBadge hold={status.hold} />}
      {interrupted && (
        <span className={cx(styles.badge, styles['tone-bad'])} title="Shipdeck stopped during this release; the real state was read back">
          interrupted #{interrupted.id}
        </span>
      )}
      {drift.kind === 'drift' && (
        <span className={cx(styles.badge, styles['tone-waiting'])} title={drift.reasons.join('\n')}>
          ⚠ drift
        </span>
      )}
      {active && (
        <span className={consoleStyles.activeLine}>
          <Button variant="link" tabIndex={-1} onClick={() => openRelease(active.id)}>
            #{active.id}
          </Button>{' '}
          <span className={styles.muted}>{activeSummary(active)}</span>
          {progress && <ProgressBar label={`${status.service} ${status.environment}: ${progress.step}`} completed={progress.completed} total={progress.total} />}
        </span>
      )}
    </div>
  );
}

/**
 * On-call mode: every environment of every service in one list, with what runs and the last known good.
 * ↑/↓ move, Enter opens the rollback pre-flight, R opens it with "Roll back" ready (Enter confirms), Esc
 * closes it. Reads the local record, so it works offline; it says when the targets do not answer.
 */
export function RollbackConsoleScreen() {
  const query = useCallQuery('releases.board', {}, { refetchInterval: BOARD_REFRESH_MS });
  const rows = query.data ? allEnvironments(query.data) : [];
  const [selected, setSelected] = useState(0);
  const [dialog, setDialog] = useState<{ readonly status: EnvironmentStatus; readonly armed: boolean } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const index = Math.min(selected, rows.length - 1);
  const hasRows = rows.length > 0;

  useEffect(() => {
    if (hasRows) listRef.current?.focus();
  }, [hasRows]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const open = (at: number, armed: boolean) => {
    const status = rows[at];
    if (!status || status.lastKnownGood === null || status.active !== null) return;
    setDialog({ status, armed });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageSize = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT));
    const result = consoleKey(event, index, rows.length, pageSize);
    if (result.kind === 'none') return;
    event.preventDefault();
    if (result.kind === 'move') setSelected(result.index);
    else open(result.index, result.kind === 'rollback');
  };

  const closeDialog = () => setDialog(null);
  // Back to the list once the dialog has left the page (while it is open, the rest of the page is inert).
  const dialogOpen = dialog !== null;
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !dialogOpen) listRef.current?.focus();
    wasOpen.current = dialogOpen;
  }, [dialogOpen]);

  let body;
  if (query.isPending) body = <SkeletonRows label="Loading the environments" />;
  else if (!query.data) body = <ErrorPanel title="Could not load the environments" error={errorData(query.error)} onRetry={() => void query.refetch()} />;
  else if (rows.length === 0) body = <EmptyState>No environments yet. Add a service on the Workspace screen, or open the demo.</EmptyState>;
  else {
    const current = rows[index];
    body = (
      <>
        {query.isError && <ErrorPanel title="Shipdeck's core did not answer: showing the last reading" error={errorData(query.error)} compact />}
        <TargetsNote {...unreadTargets(query.data)} />
        <div className={consoleStyles.table}>
          <div className={cx(consoleStyles.row, consoleStyles.head)} aria-hidden="true">
            <span>Environment</span>
            <span>Runs now</span>
            <span>Last known good</span>
            <span>Health</span>
            <span>State</span>
          </div>
          <div
            ref={listRef}
            className={consoleStyles.list}
            role="listbox"
            aria-label="Environments to roll back"
            tabIndex={0}
            aria-activedescendant={current ? `console-row-${index}` : undefined}
            onKeyDown={onKeyDown}
            data-testid="console-list"
          >
            {rows.map((status, at) => (
              <div
                key={`${status.service}/${status.environment}`}
                id={`console-row-${at}`}
                role="option"
                aria-selected={at === index}
                data-index={at}
                data-testid="console-row"
                data-service={status.service}
                data-environment={status.environment}
                className={cx(consoleStyles.row, at === index && consoleStyles.selected)}
                onClick={() => setSelected(at)}
                onDoubleClick={() => open(at, false)}
              >
                <span className={consoleStyles.where}>
                  <strong>{status.service}</strong> <span className={styles.faint}>/</span> <strong>{status.environment}</strong>
                </span>
                <span className={consoleStyles.cellStack}>
                  {status.current ? (
                    <>
                      <ArtifactName artifact={status.current} />
                      <span className={cx(styles.small, styles.faint)}>
                        <RelativeTime iso={status.current.deployedAt} />
                      </span>
                    </>
                  ) : (
                    <span className={styles.faint}>nothing</span>
                  )}
                </span>
                <span className={consoleStyles.cellStack} data-testid="last-known-good">
                  {status.lastKnownGood ? <ArtifactName artifact={status.lastKnownGood} /> : <span className={styles.faint}>none recorded</span>}
                </span>
                <HealthBadge health={status.health} detail={status.healthDetail} />
                <State status={status} />
              </div>
            ))}
          </div>
        </div>
        <p className={cx(consoleStyles.keys, styles.small, styles.muted)}>
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> pre-flight · <kbd>R</kbd> roll back to the last known good (after its pre-flight) · <kbd>Esc</kbd> close
          {current && (current.lastKnownGood === null || current.active !== null) && (
            <span className={consoleStyles.keysNote}> — {current.active ? 'a release is under way here' : 'nothing earlier to roll back to'}</span>
          )}
        </p>
      </>
    );
  }

  return (
    <Screen
      title="Rollback console"
      inline
      subtitle={
        query.data && (
          <span className={cx(styles.small, styles.muted)}>
            targets checked <RelativeTime iso={query.data.checkedAt} />
          </span>
        )
      }
      tools={
        <>
          {query.isFetching && !query.isPending && <Spinner label="Refreshing" />}
          <Button iconOnly aria-label="Refresh" title="Read the records and the targets again" onClick={() => void query.refetch()}>
            <Icon name="refresh" />
          </Button>
        </>
      }
    >
      <div className={consoleStyles.body}>{body}</div>
      {dialog && <RollbackDialog service={dialog.status.service} environment={dialog.status.environment} armed={dialog.armed} onClose={closeDialog} />}
    </Screen>
  );
}
