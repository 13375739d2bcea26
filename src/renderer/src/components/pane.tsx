import type { ReactNode } from 'react';
import { cx } from './cx';
import styles from './pane.module.css';

interface PaneProps {
  /** The id of the pane's title, which names the region. */
  readonly titleId: string;
  readonly title: string;
  /** Beside the title: counts, spinners, actions. */
  readonly tools?: ReactNode;
  readonly children: ReactNode;
  readonly className?: string | undefined;
  readonly testId?: string;
}

/** A column of the screen: a toolbar with its title, then its content. */
export function Pane({ titleId, title, tools, children, className, testId }: PaneProps) {
  return (
    <section className={cx(styles.pane, className)} aria-labelledby={titleId} data-testid={testId}>
      <div className={styles.toolbar}>
        <h2 id={titleId} className={styles.title}>
          {title}
        </h2>
        {tools}
      </div>
      {children}
    </section>
  );
}

/** Muted text beside a pane's title, e.g. "200+ commits". */
export function PaneMeta({ children, testId }: { readonly children: ReactNode; readonly testId?: string }) {
  return (
    <span className={styles.meta} aria-live="polite" data-testid={testId}>
      {children}
    </span>
  );
}

/** A band across the pane under its toolbar (search bar, pickers, notes). */
export function PaneBand({ children, className }: { readonly children: ReactNode; readonly className?: string | undefined }) {
  return <div className={cx(styles.band, className)}>{children}</div>;
}

/** The growing part of a pane; `scroll` when its content scrolls itself rather than a list inside it. */
export function PaneBody({ children, scroll = false }: { readonly children: ReactNode; readonly scroll?: boolean }) {
  return <div className={scroll ? styles.scroll : styles.body}>{children}</div>;
}

export function PaneFooter({ children }: { readonly children: ReactNode }) {
  return <div className={styles.footer}>{children}</div>;
}
