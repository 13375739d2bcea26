import type { AppErrorData } from '../../../shared/result';
import { Button } from './button';
import { cx } from './cx';
import styles from './error-panel.module.css';

interface ErrorPanelProps {
  readonly error: AppErrorData;
  /** What failed, e.g. "Could not load commits". */
  readonly title?: string;
  readonly onRetry?: (() => void) | undefined;
  readonly compact?: boolean;
  /** For a rendering failure caught by an error boundary: more room around it, no error code. */
  readonly boundary?: boolean;
  readonly retryLabel?: string;
  readonly id?: string;
}

/** An error where the user is looking: what went wrong, what to do, and a way to try again. */
export function ErrorPanel({ error, title, onRetry, compact = false, boundary = false, retryLabel = 'Retry', id }: ErrorPanelProps) {
  return (
    <div id={id} className={cx(styles.panel, compact && styles.compact, boundary && styles.boundary)} role="alert">
      <div className={styles.text}>
        {title && <p className={styles.title}>{title}</p>}
        <p>{error.message}</p>
        {error.hint && <p className={styles.hint}>{error.hint}</p>}
        {!boundary && <p className={styles.code}>{error.code}</p>}
      </div>
      {onRetry && <Button onClick={onRetry}>{retryLabel}</Button>}
    </div>
  );
}
