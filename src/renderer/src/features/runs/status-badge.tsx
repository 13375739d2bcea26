import type { RunStatus, StageStatus } from '../../../../shared/domain/pipeline-runs';
import { cx } from '../../components/cx';
import styles from './runs.module.css';

const GLYPH: Readonly<Record<RunStatus | StageStatus, string>> = {
  queued: '○',
  pending: '○',
  running: '◐',
  succeeded: '✓',
  failed: '✕',
  'timed-out': '⏱',
  cancelled: '⊘',
  skipped: '–',
  interrupted: '!'
};

/** A run's or stage's status: a glyph and the word, coloured by what it means. */
export function StatusBadge({ status, compact = false }: { readonly status: RunStatus | StageStatus; readonly compact?: boolean }) {
  return (
    <span className={cx(styles.status, styles[`status-${status}`])} data-status={status} title={status}>
      <span aria-hidden="true">{GLYPH[status]}</span>
      {compact ? <span className="visually-hidden">{status}</span> : <span>{status}</span>}
    </span>
  );
}
