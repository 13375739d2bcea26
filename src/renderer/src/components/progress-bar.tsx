import { cx } from './cx';
import styles from './progress-bar.module.css';

interface ProgressBarProps {
  readonly label: string;
  readonly completed: number;
  readonly total: number;
  /** The step in words, shown under the bar. */
  readonly step?: string | undefined;
}

/** A determinate progress bar; indeterminate (animated) while the total is not known yet. */
export function ProgressBar({ label, completed, total, step }: ProgressBarProps) {
  const known = total > 0;
  const fraction = known ? Math.min(1, Math.max(0, completed / total)) : 0;
  return (
    <div className={styles.progress}>
      <div
        className={cx(styles.track, !known && styles.indeterminate)}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? completed : undefined}
        aria-valuetext={step}
      >
        {/* React sets this through the CSSOM, which the CSP's style-src 'self' allows (no style attribute in markup). */}
        <div className={styles.fill} style={{ transform: `scaleX(${known ? fraction : 1})` }} />
      </div>
      {step && <p className={styles.step}>{step}</p>}
    </div>
  );
}
