import { useEffect, useState } from 'react';
import { useCallMutation, useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { Pane } from '../../components/pane';
import { Spinner } from '../../components/spinner';
import { cx } from '../../components/cx';
import { LogViewer } from './log-viewer';
import { defaultStage, durationOf, isActive, triggerLabel } from './run-format';
import styles from './runs.module.css';
import { StageGraph } from './stage-graph';
import { StatusBadge } from './status-badge';
import { useNow } from './use-now';

interface RunDetailProps {
  readonly runId: number;
  /** A re-run started: show it. */
  readonly onStarted: (runId: number) => void;
}

/** One run: what it ran and why, its stage graph, the selected stage's log, and cancel / re-run. */
export function RunDetail({ runId, onStarted }: RunDetailProps) {
  const query = useCallQuery('runs.get', { runId });
  const run = query.data;
  const [stage, setStage] = useState<string | null>(null);
  const now = useNow(run !== undefined && isActive(run.status));
  const cancel = useCallMutation('runs.cancel');
  const rerun = useCallMutation('runs.rerun', { onSuccess: (started) => onStarted(started.runId) });

  useEffect(() => setStage(null), [runId]);
  const shown = stage !== null && run?.stages.some((s) => s.name === stage) ? stage : run ? defaultStage(run) : null;
  const shownStage = run?.stages.find((s) => s.name === shown);
  const error = cancel.error ?? rerun.error;

  return (
    <Pane titleId="run-detail-title" title={run ? `Run #${run.id}` : 'Run'} className={styles.detailPane} testId="run-detail">
      {query.isError ? (
        <ErrorPanel error={query.error.data} />
      ) : !run ? (
        <Spinner label="Loading the run" />
      ) : (
        <>
          <div className={styles.runHeader}>
            <StatusBadge status={run.status} />
            <span className={cx(styles.commit, 'mono')} title={run.commitSha}>
              {run.commitSha.slice(0, 12)}
            </span>
            {run.ref !== null && <span className={styles.ref}>{run.ref}</span>}
            <span className={styles.muted}>{triggerLabel(run.startedBy)}</span>
            <span className={styles.muted} data-testid="run-duration">
              {durationOf(run, now) ?? ''}
            </span>
            {run.rerunOf !== null && <span className={styles.muted}>re-run of #{run.rerunOf}</span>}
            <span className={styles.spacerFlex} />
            {isActive(run.status) ? (
              <Button variant="danger" size="small" onClick={() => cancel.mutate({ runId })} disabled={cancel.isPending} data-testid="cancel-run">
                {cancel.isPending ? 'Cancelling…' : 'Cancel'}
              </Button>
            ) : (
              <>
                <Button size="small" onClick={() => rerun.mutate({ runId, from: 'start' })} disabled={rerun.isPending} data-testid="rerun-all">
                  Re-run
                </Button>
                {run.status !== 'succeeded' && run.stages.length > 0 && (
                  <Button size="small" onClick={() => rerun.mutate({ runId, from: 'failed' })} disabled={rerun.isPending} data-testid="rerun-failed">
                    Re-run from failed
                  </Button>
                )}
              </>
            )}
          </div>
          {error && <ErrorPanel error={error.data} compact />}
          {run.error && (
            <pre className={styles.runError} role="alert">
              {run.error}
            </pre>
          )}
          {run.testSummary && (
            <p className={styles.tests} data-testid="test-summary">
              Tests: {run.testSummary.tests} run, {run.testSummary.failures} failed, {run.testSummary.errors} errors, {run.testSummary.skipped} skipped
            </p>
          )}
          <StageGraph run={run} selected={shown} onSelect={setStage} now={now} />
          {shownStage && (
            <div className={styles.stageLine}>
              <strong>{shownStage.name}</strong>
              <StatusBadge status={shownStage.status} />
              {shownStage.message && <span className={styles.muted}>{shownStage.message}</span>}
            </div>
          )}
          {shown !== null && <LogViewer key={`${runId}/${shown}`} runId={runId} stage={shown} />}
        </>
      )}
    </Pane>
  );
}
