import type { AppErrorData } from '../../../shared/result';

interface ErrorPanelProps {
  readonly error: AppErrorData;
  /** What failed, e.g. "Could not load commits". */
  readonly title?: string;
  readonly onRetry?: () => void;
  readonly compact?: boolean;
}

/** An error where the user is looking: what went wrong, what to do, and a way to try again. */
export function ErrorPanel({ error, title, onRetry, compact = false }: ErrorPanelProps) {
  return (
    <div className={compact ? 'error-panel compact' : 'error-panel'} role="alert">
      <div className="error-text">
        {title && <p className="error-title">{title}</p>}
        <p className="error-message">{error.message}</p>
        {error.hint && <p className="error-hint">{error.hint}</p>}
        <p className="error-code">{error.code}</p>
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
