import { shortSha, type CommitDetail } from '../../../../shared/domain/history';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { Facts } from '../../components/facts';
import { RelativeTime } from '../../components/relative-time';
import { formatAbsoluteTime } from '../../lib/relative-time';
import { useOpenCommitStore } from '../../stores/open-commit-store';
import { MergeBadge } from './badges';
import { ChangedFiles } from './changed-files';
import { ShallowNote } from './shallow-note';
import styles from './commit-detail.module.css';
import { CopyButton } from './copy-button';

interface CommitDetailViewProps {
  readonly service: string;
  readonly detail: CommitDetail;
  readonly stale: boolean;
}

function When({ iso }: { readonly iso: string }) {
  return (
    <>
      <span className="mono">{formatAbsoluteTime(iso)}</span> <span className="muted">(<RelativeTime iso={iso} />)</span>
    </>
  );
}

export function CommitDetailView({ service, detail, stale }: CommitDetailViewProps) {
  // The list on screen selects the parent when it holds it, so ↑/↓ continue from there.
  const openParent = (sha: string) => useOpenCommitStore.getState().open(service, sha);

  return (
    <article className={cx(styles.detail, stale && styles.stale)} aria-label={`Commit ${shortSha(detail.sha)}`}>
      <h3 className={styles.subject}>{detail.subject || '(no message)'}</h3>
      <p className={styles.sha}>
        <span className="mono" data-testid="detail-sha">
          {detail.sha}
        </span>
        <CopyButton text={detail.sha} label="Copy SHA" />
      </p>
      {detail.body.trim() && <pre className={styles.bodyText}>{detail.body.trim()}</pre>}
      <Facts className={styles.facts}>
        <dt>Author</dt>
        <dd>
          {detail.authorName} <span className="muted">&lt;{detail.authorEmail}&gt;</span>
        </dd>
        <dt>Authored</dt>
        <dd>
          <When iso={detail.authoredAt} />
        </dd>
        <dt>Committer</dt>
        <dd>{detail.committerName}</dd>
        <dt>Committed</dt>
        <dd>
          <When iso={detail.committedAt} />
        </dd>
        <dt>{detail.parents.length === 1 ? 'Parent' : 'Parents'}</dt>
        <dd className={styles.parents}>
          {detail.parents.length === 0 && <span className="muted">none (root commit)</span>}
          {detail.parentsMissing &&
            detail.parents.map((parent) => (
              <span key={parent} className="mono muted" title={`${parent} is not in this shallow clone`}>
                {shortSha(parent)}
              </span>
            ))}
          {!detail.parentsMissing &&
            detail.parents.map((parent) => (
            <Button
              key={parent}
              variant="link"
              className="mono"
              aria-label={`Open parent ${shortSha(parent)}`}
              title={parent}
              onClick={() => openParent(parent)}
            >
              {shortSha(parent)}
            </Button>
          ))}
          {detail.parents.length > 1 && <MergeBadge />}
        </dd>
      </Facts>
      {detail.parentsMissing ? (
        <ShallowNote testId="shallow-commit-note">
          History truncated here: this repository is a shallow clone, and this commit&apos;s parents were not
          fetched, so what it changed cannot be shown. Fetch the full history (<span className="mono">git fetch --unshallow</span>)
          to see it.
        </ShallowNote>
      ) : (
        <ChangedFiles files={detail.files} merge={detail.parents.length > 1} />
      )}
    </article>
  );
}
