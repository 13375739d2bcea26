import { shortSha, type CommitDetail } from '../../../../shared/domain/history';
import { RelativeTime } from '../../components/relative-time';
import { formatAbsoluteTime } from '../../lib/relative-time';
import { useCommitDetailStore } from '../../stores/commit-detail-store';
import { useCommitLogStore } from '../../stores/commit-log-store';
import { useCompareStore } from '../../stores/compare-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { indexOfSha } from './commit-pages';
import { ChangedFiles } from './changed-files';
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
  const openParent = (sha: string) => {
    // Select the parent in the list on screen when it is there, so ↑/↓ continue from it.
    if (useNavigationStore.getState().historyMode === 'compare') {
      const compare = useCompareStore.getState();
      const index = indexOfSha(compare.result?.commits ?? [], sha);
      if (index >= 0) compare.select(index);
    } else {
      const log = useCommitLogStore.getState();
      const index = indexOfSha(log.commits, sha);
      if (index >= 0) log.select(index);
    }
    void useCommitDetailStore.getState().open(service, sha);
  };

  return (
    <article className={stale ? 'commit-detail stale' : 'commit-detail'} aria-label={`Commit ${shortSha(detail.sha)}`}>
      <h3 className="detail-subject">{detail.subject || '(no message)'}</h3>
      <p className="detail-sha">
        <span className="mono" data-testid="detail-sha">
          {detail.sha}
        </span>
        <CopyButton text={detail.sha} label="Copy SHA" />
      </p>
      {detail.body.trim() && <pre className="detail-body-text">{detail.body.trim()}</pre>}
      <dl className="facts detail-facts">
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
        <dd className="parents">
          {detail.parents.length === 0 && <span className="muted">none (root commit)</span>}
          {detail.parents.map((parent) => (
            <button
              key={parent}
              type="button"
              className="link-button mono"
              aria-label={`Open parent ${shortSha(parent)}`}
              title={parent}
              onClick={() => openParent(parent)}
            >
              {shortSha(parent)}
            </button>
          ))}
          {detail.parents.length > 1 && <span className="merge-badge">Merge</span>}
        </dd>
      </dl>
      <ChangedFiles files={detail.files} merge={detail.parents.length > 1} />
    </article>
  );
}
