import { memo } from 'react';
import { isMergeCommit, shortSha, type Commit, type Tag } from '../../../../shared/domain/history';
import { isPrerelease } from '../../../../shared/domain/semver';
import { Icon } from '../../components/icon';
import { RelativeTime } from '../../components/relative-time';

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
  const classes = ['commit-row', selected && 'selected', open && 'open', merge && 'merge'].filter(Boolean).join(' ');
  return (
    <div
      id={id}
      className={classes}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-testid="commit-row"
      data-sha={commit.sha}
      onClick={() => onClick(index)}
    >
      <span className="commit-sha mono">{shortSha(commit.sha)}</span>
      {merge && (
        <span className="merge-badge" title={`Merge commit (${commit.parents.length} parents)`} data-testid="merge-badge">
          <Icon name="merge" />
          Merge
        </span>
      )}
      <span className="commit-subject" title={`${commit.subject}\n${commit.authorName} <${commit.authorEmail}>`}>
        {commit.subject || <span className="muted">(no message)</span>}
      </span>
      {tags?.map((tag) => (
        <span
          key={tag.name}
          className={tag.semver ? (isPrerelease(tag.semver) ? 'tag-badge prerelease' : 'tag-badge release') : 'tag-badge'}
          title={tag.semver ? (isPrerelease(tag.semver) ? 'Prerelease tag' : 'Release tag') : 'Tag'}
        >
          <Icon name="tag" />
          {tag.name}
        </span>
      ))}
      <span className="commit-author" title={commit.authorEmail}>
        {commit.authorName}
      </span>
      <RelativeTime className="commit-date" iso={commit.authoredAt} />
    </div>
  );
});
