import type { ReactNode } from 'react';
import { cx } from './cx';
import styles from './screen.module.css';

interface ScreenProps {
  readonly title: string;
  /** Under the title, or beside it when `inline`. */
  readonly subtitle?: ReactNode;
  readonly inline?: boolean;
  /** Controls at the right of the header. */
  readonly tools?: ReactNode;
  readonly children: ReactNode;
}

/** A screen: its header (title, subtitle, tools) and its content. */
export function Screen({ title, subtitle, inline = false, tools, children }: ScreenProps) {
  return (
    <div className={styles.screen}>
      <header className={styles.header}>
        <div className={cx(styles.titleBlock, inline && styles.titleRow)}>
          <h1>{title}</h1>
          {subtitle && (inline ? subtitle : <p className={styles.subtitle}>{subtitle}</p>)}
        </div>
        {tools && <div className={styles.tools}>{tools}</div>}
      </header>
      {children}
    </div>
  );
}

/** The scrolling column of panels of a form-like screen. */
export function ScreenScroll({ children }: { readonly children: ReactNode }) {
  return <div className={styles.scroll}>{children}</div>;
}

/** Centres one thing (a spinner) in the main area. */
export function CenterFill({ children }: { readonly children: ReactNode }) {
  return <div className={styles.center}>{children}</div>;
}

export function ScreenPad({ children }: { readonly children: ReactNode }) {
  return <div className={styles.pad}>{children}</div>;
}
