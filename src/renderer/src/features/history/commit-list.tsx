import { useCallback, useMemo } from 'react';
import type { Commit } from '../../../../shared/domain/history';
import { VirtualList } from '../../components/virtual-list';
import type { Range } from '../../components/virtual-range';
import { isNearEnd } from '../../components/virtual-range';
import { useHistoryRefsStore } from '../../stores/history-refs-store';
import { tagsBySha } from './commit-pages';
import { CommitRow } from './commit-row';

export const COMMIT_ROW_HEIGHT = 32;
/** Fetch the next page when the rendered rows come this close to the end. */
const PREFETCH_ROWS = 60;

interface CommitListProps {
  readonly commits: readonly Commit[];
  /** Accessible name of the listbox, e.g. "Commits". */
  readonly label: string;
  readonly idPrefix: string;
  readonly selectedIndex: number;
  readonly onSelect: (index: number) => void;
  readonly openSha: string | null;
  readonly onOpen: (commit: Commit, index: number) => void;
  /** Called when the user scrolls near the end and more could be loaded. */
  readonly onNearEnd?: (() => void) | undefined;
  readonly resetKey: string;
  readonly stale?: boolean;
}

/** The commit rows, virtualized; click or Enter opens a commit. */
export function CommitList({
  commits,
  label,
  idPrefix,
  selectedIndex,
  onSelect,
  openSha,
  onOpen,
  onNearEnd,
  resetKey,
  stale = false
}: CommitListProps) {
  const tags = useHistoryRefsStore((s) => s.tags);
  const bySha = useMemo(() => tagsBySha(tags), [tags]);

  const openAt = useCallback(
    (index: number) => {
      const commit = commits[index];
      if (!commit) return;
      onSelect(index);
      onOpen(commit, index);
    },
    [commits, onSelect, onOpen]
  );

  const onRangeChange = useCallback(
    (range: Range) => {
      if (onNearEnd && commits.length > 0 && isNearEnd(range, commits.length, PREFETCH_ROWS)) onNearEnd();
    },
    [onNearEnd, commits.length]
  );

  const rowId = (index: number) => `${idPrefix}-row-${index}`;

  return (
    <VirtualList
      className={stale ? 'commit-list stale' : 'commit-list'}
      testId={`${idPrefix}-list`}
      label={label}
      itemCount={commits.length}
      rowHeight={COMMIT_ROW_HEIGHT}
      rowKey={(index) => commits[index]?.sha ?? index}
      selectedIndex={selectedIndex}
      onSelect={onSelect}
      onActivate={openAt}
      onRangeChange={onRangeChange}
      activeDescendant={selectedIndex >= 0 && selectedIndex < commits.length ? rowId(selectedIndex) : undefined}
      resetKey={resetKey}
      renderRow={(index) => {
        const commit = commits[index] as Commit;
        return (
          <CommitRow
            id={rowId(index)}
            commit={commit}
            index={index}
            count={commits.length}
            selected={index === selectedIndex}
            open={commit.sha === openSha}
            tags={bySha.get(commit.sha)}
            onClick={openAt}
          />
        );
      }}
    />
  );
}
