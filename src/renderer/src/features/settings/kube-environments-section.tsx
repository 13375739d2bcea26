import { useId, useState, type FormEvent } from 'react';
import type { KubernetesOverview } from '../../../../shared/contract/kubernetes';
import type { Service } from '../../../../shared/domain/workspace';
import { errorData } from '../../api/call-key';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyNote } from '../../components/empty-state';
import { Table } from '../../components/table';
import { KubeConfigureDialog } from '../releases/kube-configure-dialog';
import { useConfigureEnvironment } from '../releases/use-configure-environment';
import { contextOptions, environmentsOffCluster, kubernetesEnvironments, refKey, workloadOf, type EnvironmentRef } from './kube-environments';
import styles from './settings.module.css';

/** Saving, saved, or the core's refusal, beside the picker that caused it. */
function SaveState({ mutation }: { readonly mutation: ReturnType<typeof useConfigureEnvironment> }) {
  if (mutation.isPending) return <span className={cx(styles.saveState, styles.muted)} role="status" data-testid="kube-context-state" data-state="saving">Saving…</span>;
  if (mutation.isSuccess) return <span className={cx(styles.saveState, styles.saved)} role="status" data-testid="kube-context-state" data-state="saved">Saved</span>;
  if (mutation.error) {
    const error = errorData(mutation.error);
    return (
      <span className={cx(styles.saveState, styles.problem, styles.contextNote)} role="alert" data-testid="kube-context-state" data-state="error">
        Not saved: {[error.message, error.hint].filter(Boolean).join(' ')}
      </span>
    );
  }
  return null;
}

/** One kubernetes environment: its context picked here (saved on change), where its workload is, and its full Configure dialog. */
function KubeEnvironmentRow({ row, overview, onConfigure }: { readonly row: EnvironmentRef; readonly overview: KubernetesOverview | undefined; readonly onConfigure: () => void }) {
  const configure = useConfigureEnvironment();
  const target = row.settings.kubernetes;
  const pickerId = useId();
  // While it saves the picker shows what was picked; afterwards the core's answer (put into the list at once).
  const chosen = configure.isPending ? (configure.variables.kubernetes?.context ?? null) : (target?.context ?? null);
  const options = contextOptions(overview?.kubeconfig ?? null, overview?.emulator?.context ?? null, chosen);
  const missing = options.some((option) => option.missing && option.value === chosen);
  const label = `${row.service} · ${row.environment}`;
  return (
    <tr className={styles.kubeRow} data-testid="kube-environment" data-service={row.service} data-environment={row.environment} aria-label={label}>
      <td className="nowrap">
        <span className={styles.serviceName}>{row.service}</span> <span className={styles.muted}>·</span> {row.environment}
      </td>
      <td>
        <div className={styles.contextCell}>
          <label htmlFor={pickerId} className="visually-hidden">
            Context of {label}
          </label>
          <select
            id={pickerId}
            className={styles.contextPicker}
            value={chosen ?? ''}
            disabled={target === null || configure.isPending}
            aria-invalid={missing || configure.isError ? true : undefined}
            title={target === null ? 'Configure the namespace and workload first' : undefined}
            data-testid="kube-environment-context"
            onChange={(event) => configure.mutate({ service: row.service, environment: row.environment, kubernetes: { context: event.target.value === '' ? null : event.target.value } })}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <SaveState mutation={configure} />
          {missing && !configure.isPending && (
            <span className={cx(styles.saveState, styles.problem, styles.contextNote)} data-testid="kube-context-missing">
              “{chosen}” is not in the kubeconfig: releases here fail until it is back or another context is picked.
            </span>
          )}
        </div>
      </td>
      {target ? (
        <>
          <td className="mono">{target.namespace}</td>
          <td className="mono" data-testid="kube-environment-workload">
            {workloadOf(target)}
          </td>
        </>
      ) : (
        <td colSpan={2} className={styles.muted}>
          No target yet: Configure… gives its namespace and Deployment.
        </td>
      )}
      <td className={styles.actionCell}>
        <Button size="small" onClick={onConfigure} aria-label={`Configure ${label}`} data-testid="kube-environment-configure">
          Configure…
        </Button>
      </td>
    </tr>
  );
}

/** Picks an environment that does not release to Kubernetes yet and opens its Configure dialog. */
function ReleaseToCluster({ candidates, onConfigure }: { readonly candidates: readonly EnvironmentRef[]; readonly onConfigure: (ref: EnvironmentRef) => void }) {
  const pickerId = useId();
  const [picked, setPicked] = useState('');
  const selected = candidates.find((ref) => refKey(ref) === picked) ?? candidates[0];
  if (!selected) return <EmptyNote>Every environment already releases to Kubernetes.</EmptyNote>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfigure(selected);
  };
  return (
    <form className={styles.releaseForm} aria-label="Release an environment to a cluster" onSubmit={submit}>
      <label htmlFor={pickerId} className={styles.muted}>
        Environment
      </label>
      <select id={pickerId} value={refKey(selected)} onChange={(event) => setPicked(event.target.value)} data-testid="release-to-cluster-environment">
        {candidates.map((ref) => (
          <option key={refKey(ref)} value={refKey(ref)}>
            {ref.service} · {ref.environment} ({ref.targetKind})
          </option>
        ))}
      </select>
      <Button type="submit" data-testid="release-to-cluster">
        Configure a Kubernetes target…
      </Button>
    </form>
  );
}

/**
 * Where each kubernetes environment releases, with its context picked here; and any other environment made
 * a kubernetes one through the same Configure dialog as the board's.
 */
export function KubeEnvironmentsSection({ services, overview }: { readonly services: readonly Service[] | undefined; readonly overview: KubernetesOverview | undefined }) {
  const [configuring, setConfiguring] = useState<EnvironmentRef | null>(null);
  const rows = kubernetesEnvironments(services ?? []);
  const candidates = environmentsOffCluster(services ?? []);
  return (
    <section className={styles.stack} aria-labelledby="kube-environments-heading" data-testid="kube-environments">
      <h3 className={styles.subheading} id="kube-environments-heading">
        Kubernetes environments
      </h3>
      {services === undefined ? null : rows.length === 0 ? (
        <EmptyNote>No environment releases to Kubernetes yet: make one below.</EmptyNote>
      ) : (
        <Table label="Kubernetes environments" columns={['Environment', 'Context', 'Namespace', 'Workload', '']}>
          {rows.map((row) => (
            <KubeEnvironmentRow key={refKey(row)} row={row} overview={overview} onConfigure={() => setConfiguring(row)} />
          ))}
        </Table>
      )}
      <h3 className={styles.subheading}>Release an environment to a cluster</h3>
      {services !== undefined && (services.length === 0 ? <EmptyNote>No services yet. Add one on the Workspace screen.</EmptyNote> : <ReleaseToCluster candidates={candidates} onConfigure={setConfiguring} />)}
      {configuring && <KubeConfigureDialog key={refKey(configuring)} status={configuring} onClose={() => setConfiguring(null)} />}
    </section>
  );
}
