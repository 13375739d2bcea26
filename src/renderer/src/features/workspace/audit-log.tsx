import { ErrorPanel } from '../../components/error-panel';
import { RelativeTime } from '../../components/relative-time';
import { Spinner } from '../../components/spinner';
import { useAuditStore } from '../../stores/audit-store';
import type { AuditDetails } from '../../../../shared/domain/workspace';

function DetailsCell({ details }: { readonly details: AuditDetails }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="audit-details">
      {entries.map(([key, value]) => (
        <span key={key} className="kv">
          <span className="kv-key">{key}</span>
          <span className="kv-value">{value === null ? 'null' : String(value)}</span>
        </span>
      ))}
    </span>
  );
}

/** Every recorded action, newest first. Entries are never edited, only appended. */
export function AuditLog() {
  const { status, entries, error, hasMore, loadingMore, load, loadMore } = useAuditStore();

  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading" className="panel-heading">
        Audit log
      </h2>
      {status === 'loading' && <Spinner label="Loading the audit log" />}
      {status === 'error' && error && (
        <ErrorPanel title="Could not load the audit log" error={error} onRetry={() => void load()} />
      )}
      {status === 'ready' && entries.length === 0 && <p className="empty-note">Nothing has been recorded yet.</p>}
      {entries.length > 0 && (
        <div className="table-wrap">
          <table className="table audit-table" aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="nowrap">
                    <RelativeTime iso={entry.at} />
                  </td>
                  <td>{entry.actor}</td>
                  <td>
                    <span className="action-badge">{entry.action}</span>
                  </td>
                  <td className="mono nowrap">{entry.subject}</td>
                  <td>
                    <DetailsCell details={entry.details} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {status === 'ready' && error && (
        <ErrorPanel title="Could not load older entries" error={error} onRetry={() => void loadMore()} compact />
      )}
      {hasMore && status === 'ready' && !error && (
        <button type="button" className="button small" disabled={loadingMore} onClick={() => void loadMore()}>
          {loadingMore ? 'Loading…' : 'Load older entries'}
        </button>
      )}
    </section>
  );
}
