import { cx } from './cx';
import styles from './skeleton-rows.module.css';

const WIDTHS = [72, 55, 64, 80, 48, 68, 59, 76, 52, 66, 61, 70];

/** Placeholder rows while the first page of a list loads. */
export function SkeletonRows({ count = 12, label }: { readonly count?: number; readonly label: string }) {
  return (
    <div className={styles.rows} role="status" aria-label={label}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className={styles.row} aria-hidden="true">
          <span className={cx(styles.block, styles.sha)} />
          <span className={cx(styles.block, styles[`w${WIDTHS[i % WIDTHS.length] ?? 64}`])} />
          <span className={cx(styles.block, styles.meta)} />
        </div>
      ))}
    </div>
  );
}

/** A placeholder block while content loads. */
export function SkeletonArea() {
  return <div className={styles.area} aria-hidden="true" />;
}
