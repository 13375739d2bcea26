import type { ReachabilityCheck } from '../../../../shared/domain/artifact-operations';
import { errorData } from '../../api/call-key';
import { useSystemStatus } from '../../api/use-system-status';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyNote } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Panel } from '../../components/panel';
import { RelativeTime } from '../../components/relative-time';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Table } from '../../components/table';
import styles from './settings.module.css';

/** Online or offline in words (not only a colour), with what the check answered. */
function Reachability({ check }: { readonly check: ReachabilityCheck }) {
  return (
    <span className={cx(styles.badge, check.reachable ? styles.online : styles.offline)} data-testid="reachability">
      <span className={styles.dot} aria-hidden="true" />
      {check.reachable ? 'online' : 'offline'}
    </span>
  );
}

/** The Docker engine and each registry a service uses: whether they answer now (asked every 15 s). */
export function SystemPanel() {
  const status = useSystemStatus();
  const data = status.data;
  return (
    <Panel title="Docker and registries">
      {data ? (
        <div className={styles.stack}>
          <div className={styles.checkedRow}>
            <span className={styles.muted}>
              Checked <RelativeTime iso={data.checkedAt} />
            </span>
            <Button size="small" disabled={status.isFetching} onClick={() => void status.refetch()}>
              {status.isFetching ? 'Checking…' : 'Check again'}
            </Button>
          </div>
          <Table label="Docker and registries" columns={['What', 'Status', 'Used by', 'Answer']}>
            <tr data-testid="docker-status">
              <td>Docker engine</td>
              <td>
                <Reachability check={data.docker} />
              </td>
              <td className={styles.muted}>every Docker environment</td>
              <td className={styles.detail}>{data.docker.detail}</td>
            </tr>
            {data.registries.map((registry) => (
              <tr key={registry.host}>
                <td className="mono">{registry.host}</td>
                <td>
                  <Reachability check={registry} />
                </td>
                <td>{registry.services.join(', ')}</td>
                <td className={styles.detail}>{registry.detail}</td>
              </tr>
            ))}
          </Table>
          {data.registries.length === 0 && <EmptyNote>No service names an image repository yet, so there is no registry to check.</EmptyNote>}
        </div>
      ) : status.error ? (
        <ErrorPanel error={errorData(status.error)} title="Could not check Docker and the registries" compact onRetry={() => void status.refetch()} />
      ) : (
        <SkeletonRows count={2} label="Checking Docker and the registries" />
      )}
    </Panel>
  );
}
