import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Commit, Tag } from '../../../../shared/domain/history';
import { isNearEnd } from '../../components/list-navigation';
import { VirtualList } from '../../components/virtual-list';
import { indexOfSha, tagsBySha } from './commit-pages';
import { CommitRow } from './commit-row';
import styles from './commit-row.module.css';

export const COMMIT_ROW_HEIGHT = 32;
/** Fetch the next page when the rendered rows come this close to the end. */
const PREFETCH_ROWS = 60;

interface CommitListProps {
  readonly commits: readonly Commit[];
  readonly tags: readonly Tag[];
  /** Accessible name of the listbox, e.g. "Commits". */
  readonly label: string;
  readonly idPrefix: string;
  readonly selectedIndex: number;
  readonly onSelect: (index: number) => void;
  readonly openSha: string | null;
  readonly onOpen: (commit: Commit) => void;
  /** Called when the user scrolls near the end and more could be loaded. */
  readonly onNearEnd?: (() => void) | undefined;
  readonly resetKey: string;
  readonly stale?: boolean;
}

/** The commit rows, virtualized; click or Enter opens a commit. */
export function CommitList({
  commits,
  tags,
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
  const bySha = useMemo(() => tagsBySha(tags), [tags]);

  const openAt = useCallback(
    (index: number) => {
      const commit = commits[index];
      if (!commit) return;
      onSelect(index);
      onOpen(commit);
    },
    [commits, onSelect, onOpen]
  );

  // A commit opened elsewhere (a parent link in the detail pane) becomes the selected row when it is listed.
  const lastOpen = useRef(openSha);
  useEffect(() => {
    if (openSha === lastOpen.current) return;
    lastOpen.current = openSha;
    const index = openSha ? indexOfSha(commits, openSha) : -1;
    if (index >= 0 && index !== selectedIndex) onSelect(index);
  }, [openSha, commits, selectedIndex, onSelect]);

  const onLastRenderedChange = useCallback(
    (last: number) => {
      if (onNearEnd && commits.length > 0 && isNearEnd(last, commits.length, PREFETCH_ROWS)) onNearEnd();
    },
    [onNearEnd, commits.length]
  );

  const rowId = (index: number) => `${idPrefix}-row-${index}`;

  return (
    <VirtualList
      className={styles.list}
      stale={stale}
      testId={`${idPrefix}-list`}
      label={label}
      itemCount={commits.length}
      rowHeight={COMMIT_ROW_HEIGHT}
      rowKey={(index) => commits[index]?.sha ?? index}
      selectedIndex={selectedIndex}
      onSelect={onSelect}
      onActivate={openAt}
      onLastRenderedChange={onLastRenderedChange}
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
