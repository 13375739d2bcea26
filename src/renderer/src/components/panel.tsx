import { useId, type ReactNode, type Ref } from 'react';
import styles from './panel.module.css';

interface PanelProps {
  readonly title: string;
  /** Shown as a small badge after the title. */
  readonly count?: number;
  readonly children: ReactNode;
  readonly ref?: Ref<HTMLElement>;
}

/** A titled section of a scrolling screen; the title names the region. */
export function Panel({ title, count, children, ref }: PanelProps) {
  const headingId = useId();
  return (
    <section className={styles.panel} aria-labelledby={headingId} ref={ref}>
      <h2 id={headingId} className={styles.heading}>
        {title}
        {count !== undefined && <span className={styles.count}>{count}</span>}
      </h2>
      {children}
    </section>
  );
}
