import { useEffect, useRef } from 'react';
import type { AnalysisRunView, WorkloadRevision } from '../../../../shared/domain/kubernetes';
import type { EnvironmentStatus } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyNote } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Panel } from '../../components/panel';
import { RelativeTime } from '../../components/relative-time';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Table } from '../../components/table';
import { useNavigationStore } from '../../stores/navigation-store';
import dialogStyles from './dialog.module.css';
import { kubeTargetParts, revisionSource } from './kube-format';
import kubeStyles from './kube.module.css';
import { DigestText } from './release-badges';
import styles from './releases.module.css';

interface KubePanelDialogProps {
  readonly status: EnvironmentStatus;
  readonly onClose: () => void;
  /** Opens the rollback dialog (with its pre-flight) toward this digest. */
  readonly onRollBackTo: (digest: string) => void;
}

const PHASE_TONE: Readonly<Record<string, string>> = {
  Successful: 'good',
  Running: 'active',
  Pending: 'neutral',
  Inconclusive: 'waiting',
  Failed: 'bad',
  Error: 'bad'
};

function PhaseBadge({ phase }: { readonly phase: string }) {
  return (
    <span className={cx(styles.badge, styles[`tone-${PHASE_TONE[phase] ?? 'neutral'}`])} data-testid="analysis-phase" data-phase={phase}>
      {phase}
    </span>
  );
}

function Revisions({ status, onRollBackTo }: Pick<KubePanelDialogProps, 'status' | 'onRollBackTo'>) {
  const openRelease = useNavigationStore((s) => s.openRelease);
  const query = useCallQuery('kubernetes.revisions', { service: status.service, environment: status.environment });
  const revisions = query.data;
  const canRollBack = status.active === null;
  const row = (revision: WorkloadRevision) => (
    <tr
      key={`${revision.revision ?? 'record'}-${revision.deploymentId ?? ''}-${revision.replicaSet ?? ''}`}
      className={revision.current ? kubeStyles.currentRow : undefined}
      data-testid="kube-revision"
      data-revision={revision.revision ?? ''}
      data-current={revision.current}
    >
      <td className="nowrap">
        {revision.revision === null ? <span className={styles.faint}>—</span> : <strong>{revision.revision}</strong>}
        {revision.current && <span className={cx(styles.badge, styles['tone-good'], kubeStyles.inlineBadge)}>current</span>}
      </td>
      <td className="nowrap">{revision.version ?? <span className={styles.faint}>—</span>}</td>
      <td>{revision.digest ? <DigestText digest={revision.digest} /> : <span className={cx('mono', styles.faint)} title={revision.images[0]?.image}>{revision.images[0]?.image ?? 'no image'}</span>}</td>
      <td>
        {revision.deploymentId === null ? (
          <span className={styles.faint} title="Not a Shipdeck release (changed with kubectl, say)">
            —
          </span>
        ) : (
          <Button variant="link" onClick={() => openRelease(revision.deploymentId ?? 0)}>
            #{revision.deploymentId}
          </Button>
        )}
      </td>
      <td className={cx(revision.replicaSet ? 'mono' : styles.muted, 'nowrap')}>{revisionSource(revision)}</td>
      <td className={kubeStyles.cause}>{revision.changeCause ?? <span className={styles.faint}>—</span>}</td>
      <td className="nowrap">{revision.createdAt ? <RelativeTime iso={revision.createdAt} /> : ''}</td>
      <td className="nowrap">
        {!revision.current && revision.digest !== null && (
          <Button
            size="small"
            variant="danger"
            disabled={!canRollBack}
            title={canRollBack ? `Check a rollback to ${revision.version ?? revision.digest}` : 'A release is under way here'}
            onClick={() => revision.digest && onRollBackTo(revision.digest)}
            data-testid="roll-back-to-revision"
          >
            Roll back to this…
          </Button>
        )}
      </td>
    </tr>
  );
  return (
    <Panel title="Revisions" {...(revisions ? { count: revisions.length } : {})}>
      {revisions ? (
        revisions.length === 0 ? (
          <EmptyNote>No revisions yet: nothing has been released to this workload.</EmptyNote>
        ) : (
          <div data-testid="kube-revisions">
            <Table label="Revisions" columns={['Revision', 'Version', 'Image', 'Release', 'ReplicaSet', 'Change-cause', 'Created', '']}>
              {revisions.map(row)}
            </Table>
            <p className={cx(styles.small, styles.faint, kubeStyles.below)}>
              Newest first. Revisions whose ReplicaSet is gone (revisionHistoryLimit) are still in Shipdeck&apos;s records.
            </p>
          </div>
        )
      ) : query.error ? (
        <ErrorPanel title="Could not read the revisions" error={errorData(query.error)} compact onRetry={() => void query.refetch()} />
      ) : (
        <SkeletonRows count={3} label="Reading the revisions" />
      )}
    </Panel>
  );
}

function AnalysisRun({ run }: { readonly run: AnalysisRunView }) {
  const failed = run.phase === 'Failed' || run.phase === 'Error';
  return (
    <article className={cx(kubeStyles.run, failed && kubeStyles.runFailed)} data-testid="analysis-run" data-phase={run.phase}>
      <header className={kubeStyles.runHead}>
        <span className="mono">{run.name}</span>
        <PhaseBadge phase={run.phase} />
        <span className={cx(styles.small, styles.muted)}>
          {run.stepIndex === null ? 'background analysis' : `step ${run.stepIndex}`}
          {run.startedAt && (
            <>
              {' · started '}
              <RelativeTime iso={run.startedAt} />
            </>
          )}
        </span>
      </header>
      {run.message && (
        <p className={cx(styles.note, failed ? styles.noteDanger : styles.noteInfo)} data-testid="analysis-message">
          {run.message}
        </p>
      )}
      {run.metrics.map((metric) => (
        <div key={metric.name} className={kubeStyles.metric} data-testid="analysis-metric" data-metric={metric.name}>
          <p className={kubeStyles.metricHead}>
            <strong>{metric.name}</strong> <PhaseBadge phase={metric.phase} />{' '}
            <span className={cx(styles.small, styles.muted)}>
              {metric.successful} successful · {metric.failed} failed · {metric.inconclusive} inconclusive · {metric.error} errors
            </span>
          </p>
          {metric.message && <p className={cx(styles.small, metric.phase === 'Failed' || metric.phase === 'Error' ? kubeStyles.failure : styles.muted)}>{metric.message}</p>}
          {metric.measurements.length > 0 && (
            <Table label={`Measurements of ${metric.name}`} columns={['#', 'Phase', 'Value', 'Message', 'Finished']}>
              {metric.measurements.map((measurement, index) => {
                const bad = measurement.phase === 'Failed' || measurement.phase === 'Error';
                return (
                  <tr key={`${measurement.startedAt ?? ''}-${index}`} className={bad ? kubeStyles.failedRow : undefined} data-testid="analysis-measurement" data-phase={measurement.phase}>
                    <td>{index + 1}</td>
                    <td>
                      <PhaseBadge phase={measurement.phase} />
                    </td>
                    <td className="mono">{measurement.value ?? <span className={styles.faint}>—</span>}</td>
                    <td className={cx(kubeStyles.wrap, bad && kubeStyles.failure)}>{measurement.message ?? ''}</td>
                    <td className="nowrap">{measurement.finishedAt ? <RelativeTime iso={measurement.finishedAt} /> : <span className={styles.faint}>running</span>}</td>
                  </tr>
                );
              })}
            </Table>
          )}
        </div>
      ))}
    </article>
  );
}

function AnalysisRuns({ status }: { readonly status: EnvironmentStatus }) {
  const query = useCallQuery('kubernetes.analysisRuns', { service: status.service, environment: status.environment });
  const runs = query.data;
  return (
    <Panel title="Analysis runs" {...(runs ? { count: runs.length } : {})}>
      {runs ? (
        runs.length === 0 ? (
          <EmptyNote>No AnalysisRun yet: the Rollout&apos;s analysis steps start them.</EmptyNote>
        ) : (
          <div className={kubeStyles.runs} data-testid="analysis-runs">
            {runs.map((run) => (
              <AnalysisRun key={run.name} run={run} />
            ))}
          </div>
        )
      ) : query.error ? (
        <ErrorPanel title="Could not read the AnalysisRuns" error={errorData(query.error)} compact onRetry={() => void query.refetch()} />
      ) : (
        <SkeletonRows count={3} label="Reading the AnalysisRuns" />
      )}
    </Panel>
  );
}

/**
 * A kubernetes environment's workload: its revisions (ReplicaSets joined with Shipdeck's records, which go
 * back further) with "Roll back to this", and an Argo Rollout's AnalysisRuns with why a measurement failed.
 * Refetched on each `kubernetes.changes` hint.
 */
export function KubePanelDialog({ status, onClose, onRollBackTo }: KubePanelDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const target = status.settings.kubernetes;
  return (
    <dialog
      ref={ref}
      className={cx(dialogStyles.dialog, kubeStyles.wide)}
      aria-labelledby="kube-panel-title"
      data-testid="kube-panel"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className={dialogStyles.header}>
        <h2 id="kube-panel-title">
          Kubernetes: {status.service} in {status.environment}
        </h2>
        {target && <span className={cx('mono', styles.small, styles.muted)}>⎈ {kubeTargetParts(target).join(' · ')}</span>}
        <Button variant="ghost" iconOnly aria-label="Close" onClick={onClose}>
          ✕
        </Button>
      </header>
      <div className={cx(dialogStyles.body, kubeStyles.panels)}>
        {target === null ? (
          <EmptyNote>This environment has no Kubernetes target yet: configure its context, namespace and Deployment first.</EmptyNote>
        ) : (
          <>
            <Revisions status={status} onRollBackTo={onRollBackTo} />
            {target.rollout !== null && <AnalysisRuns status={status} />}
          </>
        )}
      </div>
    </dialog>
  );
}
