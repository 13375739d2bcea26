import { memo } from 'react';
import { isMergeCommit, shortSha, type Commit, type Tag } from '../../../../shared/domain/history';
import { cx } from '../../components/cx';
import { RelativeTime } from '../../components/relative-time';
import { MergeBadge, TagBadge } from './badges';
import styles from './commit-row.module.css';

interface CommitRowProps {
  readonly id: string;
  readonly commit: Commit;
  readonly index: number;
  readonly count: number;
  readonly selected: boolean;
  /** Shown in the detail pane. */
  readonly open: boolean;
  readonly tags: readonly Tag[] | undefined;
  readonly onClick: (index: number) => void;
}

/** One commit on one line: short SHA, merge mark, subject, tags, author, age. */
export const CommitRow = memo(function CommitRow({ id, commit, index, count, selected, open, tags, onClick }: CommitRowProps) {
  const merge = isMergeCommit(commit);
  return (
    <div
      id={id}
      className={cx(styles.row, selected && styles.selected, open && styles.open, merge && styles.merge)}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-testid="commit-row"
      data-sha={commit.sha}
      onClick={() => onClick(index)}
    >
      <span className={cx(styles.sha, 'mono')}>{shortSha(commit.sha)}</span>
      {merge && <MergeBadge parents={commit.parents.length} />}
      <span className={styles.subject} title={`${commit.subject}\n${commit.authorName} <${commit.authorEmail}>`}>
        {commit.subject || <span className="muted">(no message)</span>}
      </span>
      {tags?.map((tag) => <TagBadge key={tag.name} tag={tag} />)}
      <span className={styles.author} title={commit.authorEmail}>
        {commit.authorName}
      </span>
      <RelativeTime className={styles.date} iso={commit.authoredAt} />
    </div>
  );
});
