import type { KeyboardEvent } from 'react';
import styles from './segmented-control.module.css';

interface SegmentedControlProps<V extends string> {
  /** Accessible name of the tab list. */
  readonly label: string;
  readonly options: readonly { readonly value: V; readonly label: string }[];
  readonly value: V;
  readonly onChange: (value: V) => void;
  /** Tab ids are `${idPrefix}-${value}`; the panel they control is `controls`. */
  readonly idPrefix: string;
  readonly controls: string;
}

/** Tabs drawn as a segmented control: one is chosen; ← and → move between them. */
export function SegmentedControl<V extends string>({ label, options, value, onChange, idPrefix, controls }: SegmentedControlProps<V>) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const index = options.findIndex((o) => o.value === value);
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next = options[(index + step + options.length) % options.length];
    if (!next) return;
    onChange(next.value);
    document.getElementById(`${idPrefix}-${next.value}`)?.focus();
  };

  return (
    <div className={styles.segmented} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="tab"
          id={`${idPrefix}-${option.value}`}
          aria-selected={option.value === value}
          aria-controls={controls}
          tabIndex={option.value === value ? 0 : -1}
          className={styles.segment}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
