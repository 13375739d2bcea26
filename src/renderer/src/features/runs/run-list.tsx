import { useCallback, useMemo } from 'react';
import type { PipelineRun } from '../../../../shared/domain/pipeline-runs';
import { useCallPages, type Paging } from '../../api/use-call';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { isNearEnd } from '../../components/list-navigation';
import { Pane, PaneMeta } from '../../components/pane';
import { SkeletonRows } from '../../components/skeleton-rows';
import { VirtualList } from '../../components/virtual-list';
import { cx } from '../../components/cx';
import { durationOf, isActive, triggerLabel } from './run-format';
import styles from './runs.module.css';
import { StatusBadge } from './status-badge';
import { useNow } from './use-now';

const ROW_HEIGHT = 52;
const PAGE_SIZE = 100;

const paging = (service: string): Paging<'runs.list'> => ({
  pageInput: (cursor) => (cursor === 0 ? { service, limit: PAGE_SIZE } : { service, limit: PAGE_SIZE, beforeId: cursor }),
  nextCursor: (last) => last.nextBeforeId ?? undefined
});

function RunRow({ run, now, selected, onClick }: { readonly run: PipelineRun; readonly now: number; readonly selected: boolean; readonly onClick: () => void }) {
  return (
    <div className={cx(styles.runRow, selected && styles.selectedRow)} role="option" aria-selected={selected} data-testid="run-row" data-run-id={run.id} onClick={onClick}>
      <div className={styles.runRowTop}>
        <StatusBadge status={run.status} compact />
        <span className={styles.runId}>#{run.id}</span>
        <span className={cx(styles.commit, 'mono')}>{run.commitSha.slice(0, 7)}</span>
        {run.ref !== null && run.ref !== run.commitSha && <span className={styles.ref}>{run.ref}</span>}
        <span className={styles.duration}>{durationOf(run, now) ?? (run.status === 'queued' ? 'queued' : '')}</span>
      </div>
      <div className={styles.runRowBottom}>
        <span>{triggerLabel(run.startedBy)}</span>
        <span title={run.createdAt}>{new Date(run.createdAt).toLocaleString()}</span>
      </div>
    </div>
  );
}

interface RunListProps {
  readonly service: string;
  readonly selectedId: number | null;
  readonly onSelect: (run: PipelineRun) => void;
}

/** A service's runs, newest first, virtualized and paged as you scroll. */
export function RunList({ service, selectedId, onSelect }: RunListProps) {
  const pages = useCallPages('runs.list', { service, limit: PAGE_SIZE }, useMemo(() => paging(service), [service]));
  const runs = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const now = useNow(runs.some((run) => isActive(run.status)));
  const selectedIndex = runs.findIndex((run) => run.id === selectedId);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const onLastRenderedChange = useCallback(
    (last: number) => {
      if (hasNextPage && !isFetchingNextPage && isNearEnd(last, runs.length, 20)) void fetchNextPage();
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage, runs.length]
  );

  return (
    <Pane titleId="runs-list-title" title="Runs" className={styles.listPane} tools={<PaneMeta testId="runs-count">{pages.data ? `${runs.length}${hasNextPage ? '+' : ''}` : ''}</PaneMeta>}>
      {pages.isError ? (
        <ErrorPanel error={pages.error.data} />
      ) : !pages.data ? (
        <SkeletonRows count={6} label="Loading runs" />
      ) : runs.length === 0 ? (
        <EmptyState>No runs yet. Start a run of any branch, tag or commit with “Start run”.</EmptyState>
      ) : (
        <VirtualList
          label="Pipeline runs"
          testId="runs-list"
          itemCount={runs.length}
          rowHeight={ROW_HEIGHT}
          rowKey={(index) => runs[index]?.id ?? index}
          selectedIndex={selectedIndex}
          onSelect={(index) => {
            const run = runs[index];
            if (run) onSelect(run);
          }}
          onLastRenderedChange={onLastRenderedChange}
          resetKey={service}
          renderRow={(index) => {
            const run = runs[index];
            return run ? <RunRow run={run} now={now} selected={run.id === selectedId} onClick={() => onSelect(run)} /> : null;
          }}
        />
      )}
    </Pane>
  );
}
