import { useMemo } from 'react';
import type { AuditDetails, AuditEntry } from '../../../../shared/domain/workspace';
import { errorData } from '../../api/call-key';
import { useCallPages } from '../../api/use-call';
import { Button } from '../../components/button';
import { EmptyNote } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Panel } from '../../components/panel';
import { RelativeTime } from '../../components/relative-time';
import { Spinner } from '../../components/spinner';
import { Table } from '../../components/table';
import styles from './audit-log.module.css';

const PAGE = 100;

function DetailsCell({ details }: { readonly details: AuditDetails }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className={styles.details}>
      {entries.map(([key, value]) => (
        <span key={key} className={styles.kv}>
          <span className={styles.key}>{key}</span>
          <span className={styles.value}>{value === null ? 'null' : String(value)}</span>
        </span>
      ))}
    </span>
  );
}

/** Every recorded action, newest first, a page at a time. Entries are never edited, only appended. */
export function AuditLog() {
  const query = useCallPages(
    'audit.list',
    { limit: PAGE },
    {
      pageInput: (beforeId) => (beforeId === 0 ? { limit: PAGE } : { limit: PAGE, beforeId }),
      nextCursor: (last) => (last.length === PAGE ? last[last.length - 1]?.id : undefined)
    }
  );
  const entries = useMemo<readonly AuditEntry[]>(() => query.data?.pages.flat() ?? [], [query.data]);

  return (
    <Panel title="Audit log">
      {query.isPending && <Spinner label="Loading the audit log" />}
      {query.isError && !query.isFetchNextPageError && (
        <ErrorPanel title="Could not load the audit log" error={errorData(query.error)} onRetry={() => void query.refetch()} />
      )}
      {query.isSuccess && entries.length === 0 && <EmptyNote>Nothing has been recorded yet.</EmptyNote>}
      {entries.length > 0 && (
        <Table label="Audit log" columns={['Time', 'Actor', 'Action', 'Subject', 'Details']}>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="nowrap">
                <RelativeTime iso={entry.at} />
              </td>
              <td>{entry.actor}</td>
              <td>
                <span className={styles.action}>{entry.action}</span>
              </td>
              <td className="mono nowrap">{entry.subject}</td>
              <td>
                <DetailsCell details={entry.details} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      {query.isFetchNextPageError && (
        <ErrorPanel title="Could not load older entries" error={errorData(query.error)} onRetry={() => void query.fetchNextPage()} compact />
      )}
      {query.hasNextPage && !query.isFetchNextPageError && (
        <div className={styles.more}>
          <Button size="small" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? 'Loading…' : 'Load older entries'}
          </Button>
        </div>
      )}
    </Panel>
  );
}
