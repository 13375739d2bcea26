import { useState } from 'react';
import type { EnvironmentStatus, InstanceView } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { ErrorPanel } from '../../components/error-panel';
import boardStyles from './board.module.css';
import { kubeTargetParts, workloadPaused } from './kube-format';
import kubeStyles from './kube.module.css';
import styles from './releases.module.css';
import { useWorkloadControl } from './use-release-actions';

/** `⎈ kube-emulator · shop · deployment/api`, or a prompt to configure. */
export function KubeTargetLine({ status, onConfigure, onOpenPanel }: { readonly status: EnvironmentStatus; readonly onConfigure: () => void; readonly onOpenPanel: () => void }) {
  const target = status.settings.kubernetes;
  // The demo's emulator is labelled where its environment shows, not only in Settings: it is not a cluster.
  const emulator = useCallQuery('kubernetes.overview', {}, { staleTime: 60_000 }).data?.emulator ?? null;
  const onEmulator = target !== null && emulator !== null && target.context === emulator.context;
  return (
    <div className={kubeStyles.targetLine} data-testid="kube-target">
      {target ? (
        <span className={cx('mono', kubeStyles.target)} title="Kubeconfig context · namespace · workload">
          <span aria-hidden="true">⎈ </span>
          {kubeTargetParts(target).join(' · ')}
          {onEmulator && (
            <span className={cx(styles.badge, styles['tone-waiting'], kubeStyles.emulatorBadge)} title="Shipdeck's Kubernetes API emulator (demo): nothing runs there, Pods are state that changes on a timer." data-testid="kube-emulator-badge">
              emulator, not a cluster
            </span>
          )}
        </span>
      ) : (
        <span className={cx(styles.small, styles.faint)}>⎈ No Kubernetes target yet</span>
      )}
      <span className={kubeStyles.links}>
        {target && (
          <Button variant="link" className={kubeStyles.configure} onClick={onOpenPanel} title="Revisions and analysis runs" data-testid="kube-revisions-open">
            Revisions
          </Button>
        )}
        <Button variant="link" className={kubeStyles.configure} onClick={onConfigure} title="Context, namespace, Deployment, Rollout, Service" data-testid="kube-configure">
          {target ? 'Configure…' : 'Configure the target…'}
        </Button>
      </span>
    </div>
  );
}

/** What a workload runs, short: `sha256:3f1a2b3c4d5e` for a digest, `api:1.4` for a tag (the last path part). */
const shortImage = (image: string): string => (image.startsWith('sha256:') ? image.slice(0, 19) : image.slice(image.lastIndexOf('/') + 1));

/** One row per workload: `deployment/api`, its role, what it runs, `3/3 available · paused`. */
export function KubeWorkloads({ instances }: { readonly instances: readonly InstanceView[] }) {
  if (instances.length === 0) return null;
  return (
    <ul className={kubeStyles.workloads} aria-label="Workloads">
      {instances.map((row) => (
        <li key={row.name} className={kubeStyles.workload} data-testid="kube-workload" data-name={row.name}>
          <span className={cx(kubeStyles.workloadDot, row.healthy === true ? kubeStyles.ok : row.healthy === false ? kubeStyles.bad : kubeStyles.unknown)} aria-hidden="true" />
          <span className={cx('mono', kubeStyles.workloadName)} title={row.digest}>
            {row.name}
          </span>
          {row.role && <span className={styles.faint}>{row.role}</span>}
          {row.digest && (
            <span className={cx('mono', styles.faint, kubeStyles.workloadImage)} title={row.digest} data-testid="kube-workload-image">
              {shortImage(row.digest)}
            </span>
          )}
          <span className={kubeStyles.workloadState} data-testid="kube-workload-state">
            {row.state}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Pause / Resume and Restart (confirmed first: every Pod is replaced). */
export function KubeActions({ status }: { readonly status: EnvironmentStatus }) {
  const control = useWorkloadControl();
  const [confirmingRestart, setConfirmingRestart] = useState(false);
  if (status.settings.kubernetes === null) return null;
  const paused = workloadPaused(status.instances);
  const present = status.instances.length > 0;
  const busy = control.isPending;
  const target = { service: status.service, environment: status.environment };
  const workload = kubeTargetParts(status.settings.kubernetes)[2];

  return (
    <div className={kubeStyles.actions}>
      {confirmingRestart ? (
        <div
          className={boardStyles.confirm}
          role="group"
          aria-label={`Restart ${workload}`}
          data-testid="restart-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setConfirmingRestart(false);
          }}
        >
          <p>
            Restart <span className="mono">{workload}</span> in {status.environment}? Every Pod is replaced, a few at a time (as <span className="mono">kubectl rollout restart</span>).
          </p>
          <div className={boardStyles.actions}>
            <Button
              size="small"
              variant="danger-solid"
              autoFocus
              disabled={busy}
              onClick={() => control.mutate({ ...target, action: 'restart' }, { onSuccess: () => setConfirmingRestart(false) })}
              data-testid="confirm-restart"
            >
              {busy ? 'Restarting…' : 'Restart'}
            </Button>
            <Button size="small" onClick={() => setConfirmingRestart(false)} disabled={busy}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div className={boardStyles.actions}>
          {paused ? (
            <Button size="small" variant="primary" disabled={busy} onClick={() => control.mutate({ ...target, action: 'resume' })} title={`Resume ${workload}: changes to its template roll out again`} data-testid="kube-resume">
              Resume
            </Button>
          ) : (
            <Button size="small" disabled={busy || !present} onClick={() => control.mutate({ ...target, action: 'pause' })} title={present ? `Pause ${workload}: changes to its template wait` : 'The workload is not in the cluster'} data-testid="kube-pause">
              Pause
            </Button>
          )}
          <Button size="small" disabled={busy || !present} onClick={() => setConfirmingRestart(true)} title={`Restart every Pod of ${workload}`} data-testid="kube-restart">
            Restart…
          </Button>
        </div>
      )}
      {control.error && <ErrorPanel title="That did not go through" error={errorData(control.error)} compact />}
    </div>
  );
}
