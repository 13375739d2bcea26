import type { SystemStatus } from '../../../shared/domain/artifact-operations';
import { cx } from './cx';
import styles from './offline-indicator.module.css';

/** One pill: online, partly offline or offline, with each check's answer on hover and for screen readers. */
export function OfflineIndicator({ status, checking }: { readonly status: SystemStatus | undefined; readonly checking: boolean }) {
  if (!status) {
    return (
      <span className={cx(styles.pill, styles.pillUnknown)} data-testid="offline-indicator">
        {checking ? 'Checking Docker and registries…' : 'Status unknown'}
      </span>
    );
  }
  const checks = [{ name: 'Docker engine', ...status.docker }, ...status.registries.map((r) => ({ name: `registry ${r.host}`, ...r }))];
  const down = checks.filter((check) => !check.reachable);
  const detail = checks.map((check) => `${check.name}: ${check.reachable ? 'online' : 'offline'} — ${check.detail}`).join('\n');
  const label = down.length === 0 ? 'Online' : down.length === checks.length ? 'Offline' : `Offline: ${down.map((c) => c.name).join(', ')}`;
  return (
    <span
      className={cx(styles.pill, down.length === 0 ? styles.pillOnline : styles.pillOffline)}
      title={detail}
      aria-label={`${label}. ${detail}`}
      data-testid="offline-indicator"
    >
      <span className={styles.dot} aria-hidden="true" />
      {label}
      {down.length > 0 && <span className={styles.pillNote}> · history from the local record</span>}
    </span>
  );
}
