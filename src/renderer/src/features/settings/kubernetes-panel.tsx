import type { KubeWatchView, KubernetesOverview } from '../../../../shared/contract/kubernetes';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { useServices } from '../../app/use-services';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyNote } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Panel } from '../../components/panel';
import { RelativeTime } from '../../components/relative-time';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Table } from '../../components/table';
import { KubeEnvironmentsSection } from './kube-environments-section';
import styles from './settings.module.css';

const WATCH_LABEL: Readonly<Record<KubeWatchView['state'], string>> = {
  live: 'live',
  listing: 'listing',
  'backing-off': 'backing off'
};

const WATCH_CLASS: Readonly<Record<KubeWatchView['state'], string | undefined>> = {
  live: styles.online,
  listing: styles.pending,
  'backing-off': styles.offline
};

/** A watch's state in words (not only a colour). */
function WatchState({ watch }: { readonly watch: KubeWatchView }) {
  return (
    <span className={cx(styles.badge, WATCH_CLASS[watch.state])} data-testid="watch-state">
      <span className={styles.dot} aria-hidden="true" />
      {WATCH_LABEL[watch.state]}
    </span>
  );
}

function Contexts({ overview }: { readonly overview: KubernetesOverview }) {
  const { kubeconfig } = overview;
  if (kubeconfig.contexts.length === 0) return <EmptyNote>No contexts in the kubeconfig. Add one with `kubectl config set-context`, or point KUBECONFIG at a kubeconfig file.</EmptyNote>;
  return (
    <Table label="Kubeconfig contexts" columns={['Context', 'Cluster server', 'User', 'Namespace']}>
      {kubeconfig.contexts.map((context) => {
        const emulated = overview.emulator?.context === context.name;
        return (
          <tr key={context.name} data-testid="kube-context" data-context={context.name} data-current={context.current} aria-current={context.current ? 'true' : undefined}>
            <td>
              <span className={cx('mono', styles.serviceName)}>{context.name}</span>{' '}
              {context.current && <span className={cx(styles.badge, styles.current)}>current</span>}{' '}
              {emulated && <span className={cx(styles.badge, styles.demo)}>emulator</span>}
            </td>
            <td className={styles.detail}>
              {context.server === null ? <span className={styles.muted}>cluster “{context.cluster}” is missing from the kubeconfig</span> : <span className="mono">{context.server}</span>}
            </td>
            <td className={styles.detail}>
              <span className="mono">{context.user}</span> <span className={styles.muted}>· auth: {context.authentication}</span>
            </td>
            <td className="mono">{context.namespace ?? <span className={styles.muted}>default</span>}</td>
          </tr>
        );
      })}
    </Table>
  );
}

function Watches({ watches }: { readonly watches: KubernetesOverview['watches'] }) {
  if (watches.length === 0) return <EmptyNote>No namespace is watched: no environment releases to Kubernetes yet.</EmptyNote>;
  return (
    <Table label="Namespace watches" columns={['Context', 'Namespace', 'State', 'Since', 'Problem']}>
      {watches.map((watch) => (
        <tr key={`${watch.context ?? ''}/${watch.namespace}`} data-testid="kube-watch" data-namespace={watch.namespace} data-state={watch.state}>
          <td className="mono">{watch.context ?? <span className={styles.muted}>(current context)</span>}</td>
          <td className="mono">{watch.namespace}</td>
          <td>
            <WatchState watch={watch} />
          </td>
          <td className="nowrap">
            <RelativeTime iso={watch.since} />
          </td>
          <td className={cx(styles.detail, watch.problem && styles.problem)}>{watch.problem ?? ''}</td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * Which context each kubernetes environment releases to (picked here), the kubeconfig as kubectl reads it
 * (its files, contexts, who each context authenticates as — never a credential), the state of each
 * namespace's watch, and the demo's emulator said to be one.
 */
export function KubernetesPanel() {
  const query = useCallQuery('kubernetes.overview', {});
  const services = useServices().data;
  const data = query.data;
  return (
    <Panel title="Kubernetes">
      {data ? (
        <div className={styles.stack} data-testid="kubernetes-settings">
          {data.emulator && (
            <div className={styles.emulator} role="note" data-testid="kube-emulator">
              <strong>Kubernetes API emulator (demo) — not a cluster.</strong>{' '}
              <span className={styles.muted}>
                Context <span className="mono">{data.emulator.context}</span> answers at <span className="mono">{data.emulator.server}</span>: nothing runs there, Pods are state that changes on a
                timer.
              </span>
            </div>
          )}
          <div className={styles.checkedRow}>
            <span className={styles.muted} data-testid="kubeconfig-sources">
              {data.kubeconfig.sources.length === 0 ? (
                'No kubeconfig found (KUBECONFIG is unset and ~/.kube/config does not exist).'
              ) : (
                <>
                  Read from{' '}
                  {data.kubeconfig.sources.map((source, index) => (
                    <span key={source}>
                      {index > 0 && ', '}
                      <span className="mono">{source}</span>
                    </span>
                  ))}
                </>
              )}
            </span>
            <Button size="small" disabled={query.isFetching} onClick={() => void query.refetch()}>
              {query.isFetching ? 'Reading…' : 'Read again'}
            </Button>
          </div>
          {data.kubeconfig.problem && (
            <p className={styles.error} role="alert" data-testid="kubeconfig-problem">
              The kubeconfig could not be read: {data.kubeconfig.problem}
            </p>
          )}
          <KubeEnvironmentsSection services={services} overview={data} />
          <h3 className={styles.subheading}>Kubeconfig contexts</h3>
          <Contexts overview={data} />
          <h3 className={styles.subheading}>Namespace watches</h3>
          <Watches watches={data.watches} />
        </div>
      ) : query.error ? (
        <ErrorPanel error={errorData(query.error)} title="Could not read the kubeconfig" compact onRetry={() => void query.refetch()} />
      ) : (
        <SkeletonRows count={3} label="Reading the kubeconfig" />
      )}
    </Panel>
  );
}
