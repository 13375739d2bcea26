import styles from './spinner.module.css';

/** A small, quiet activity indicator with a text for screen readers. */
export function Spinner({ label = 'Loading' }: { readonly label?: string }) {
  return (
    <span className={styles.wrap} role="status">
      <span className={styles.spinner} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
