import type { ReactNode } from 'react';
import type { ArtifactDetail } from '../../../../shared/domain/artifact-catalog';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyNote, EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { RelativeTime } from '../../components/relative-time';
import { SkeletonRows } from '../../components/skeleton-rows';
import { useNavigationStore } from '../../stores/navigation-store';
import styles from './artifacts.module.css';
import { describeTests } from './test-summary';

function Section({ title, children, testId }: { readonly title: string; readonly children: ReactNode; readonly testId?: string }) {
  return (
    <section className={styles.section} data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Provenance({ detail }: { readonly detail: ArtifactDetail }) {
  const { artifact, run } = detail;
  return (
    <Section title="Provenance" testId="artifact-provenance">
      <dl className={styles.facts}>
        <dt>Digest</dt>
        <dd className="mono" data-testid="artifact-digest">
          {artifact.digest}
        </dd>
        <dt>Image</dt>
        <dd className="mono">{artifact.imageRepository}</dd>
        <dt>Commit</dt>
        <dd>
          <span className="mono">{artifact.commitSha}</span>
          {artifact.commitSubject && <div>{artifact.commitSubject}</div>}
        </dd>
        <dt>Version</dt>
        <dd className="mono">{artifact.version ?? '—'}</dd>
        <dt>Built</dt>
        <dd>
          <RelativeTime iso={artifact.createdAt} /> <span className={styles.faint}>({artifact.createdAt})</span>
        </dd>
        <dt>Status</dt>
        <dd>{artifact.pruned ? `pruned by ${artifact.pruned.by}, ${artifact.pruned.at} — the record stays` : 'live'}</dd>
        <dt>Run</dt>
        <dd>{run ? `#${run.id} · ${run.status} · started by ${run.startedBy}${run.ref ? ` on ${run.ref}` : ''}` : artifact.pipelineRunId === null ? 'not built by a recorded run' : `#${artifact.pipelineRunId} (not in this record)`}</dd>
      </dl>
      {run && run.stages.length > 0 && (
        <ul className={styles.stages} aria-label="Stage results">
          {run.stages.map((stage) => (
            <li key={stage.name} className={cx(styles.stage, styles[`stage-${stage.status}`])}>
              <span className="mono">{stage.name}</span> <span>{stage.status}</span>
              {stage.exitCode !== null && <span className={styles.faint}> (exit {stage.exitCode})</span>}
            </li>
          ))}
        </ul>
      )}
      <p className={run?.testSummary ? undefined : styles.faint} data-testid="artifact-test-summary">
        Tests: {describeTests(run)}
      </p>
    </Section>
  );
}

function CommitsSince({ detail }: { readonly detail: ArtifactDetail }) {
  const since = detail.commitsSincePrevious;
  return (
    <Section title="Commits since the previous artifact" testId="artifact-commits-since">
      {since.kind === 'first' && <EmptyNote>{since.note}</EmptyNote>}
      {since.kind === 'unavailable' && <EmptyNote>Git could not say: {since.reason}</EmptyNote>}
      {since.kind === 'commits' && (
        <>
          <p className={styles.faint}>
            Since <span className="mono">{since.previous.version ?? since.previous.commitSha.slice(0, 7)}</span> (artifact #{since.previous.id}): {since.commits.length}
            {since.truncated ? '+' : ''} commit{since.commits.length === 1 ? '' : 's'}
          </p>
          <ul className={styles.commits}>
            {since.commits.map((commit) => (
              <li key={commit.sha}>
                <span className="mono">{commit.sha.slice(0, 7)}</span> {commit.subject} <span className={styles.faint}>— {commit.authorName}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

/** One artifact: provenance, tags, where it runs, and what changed since the previous one. */
export function ArtifactDetailView({ id }: { readonly id: number | null }) {
  const query = useCallQuery('artifacts.get', { id: id ?? 1 }, { enabled: id !== null });
  if (id === null) {
    return (
      <EmptyState>
        <p>Select an artifact to see its provenance.</p>
      </EmptyState>
    );
  }
  if (query.isPending) return <SkeletonRows label="Loading the artifact" />;
  if (query.isError) return <ErrorPanel title="Could not load the artifact" error={errorData(query.error)} onRetry={() => void query.refetch()} />;
  const detail = query.data;
  return (
    <div className={styles.detail} data-testid="artifact-detail">
      <Provenance detail={detail} />
      <Section title="Tags">
        <ul className={styles.tags}>
          {detail.artifact.tags.map((tag) => (
            <li key={tag} className="mono">
              {tag}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Where it runs" testId="artifact-placements">
        <p>
          <Button variant="link" onClick={() => useNavigationStore.getState().openTimeline(detail.artifact.digest)} data-testid="open-artifact-timeline">
            Artifact timeline: where it went, and how it left →
          </Button>
        </p>
        {detail.placements.length === 0 ? (
          <EmptyNote>Not running anywhere Shipdeck has recorded. Deployments will show here once they are recorded.</EmptyNote>
        ) : (
          <ul>
            {detail.placements.map((p) => (
              <li key={p.environment}>
                <strong>{p.environment}</strong> · {p.status} since <RelativeTime iso={p.since} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <CommitsSince detail={detail} />
    </div>
  );
}
