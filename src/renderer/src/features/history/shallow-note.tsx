import type { ReactNode } from 'react';
import styles from './shallow-note.module.css';

/** Says that a shallow clone cuts the history here, so nobody mistakes the cut for the first commit. */
export function ShallowNote({ children, testId }: { readonly children: ReactNode; readonly testId: string }) {
  return (
    <p className={styles.note} role="note" data-testid={testId}>
      {children}
    </p>
  );
}
