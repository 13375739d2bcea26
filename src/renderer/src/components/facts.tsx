import type { ReactNode } from 'react';
import { cx } from './cx';
import styles from './facts.module.css';

/** A two-column list of labelled facts (<dt>/<dd> pairs as children). */
export function Facts({ children, className }: { readonly children: ReactNode; readonly className?: string | undefined }) {
  return <dl className={cx(styles.facts, className)}>{children}</dl>;
}
