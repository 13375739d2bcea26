import type { ReactNode } from 'react';
import styles from './empty-state.module.css';

/** What an empty list or pane says, centred where the content would be. */
export function EmptyState({ children }: { readonly children: ReactNode }) {
  return <div className={styles.empty}>{children}</div>;
}

/** A one-line "nothing here" inside a panel. */
export function EmptyNote({ children }: { readonly children: ReactNode }) {
  return <p className={styles.note}>{children}</p>;
}
