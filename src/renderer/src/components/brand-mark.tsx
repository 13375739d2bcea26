import { cx } from './cx';
import styles from './brand-mark.module.css';

/** Shipdeck's mark, drawn in CSS. */
export function BrandMark({ large = false }: { readonly large?: boolean }) {
  return <span className={cx(styles.mark, large && styles.large)} aria-hidden="true" />;
}
