import { useMemo } from 'react';
import { cx } from '../../components/cx';
import { refGroups, type RefOption } from './ref-options';
import styles from './refs.module.css';
import type { HistoryRefs } from './use-history-refs';

interface RefSelectProps {
  readonly label: string;
  readonly refs: HistoryRefs;
  readonly value: string;
  readonly onChange: (ref: string) => void;
  /** An extra first option, e.g. HEAD for the log. */
  readonly leading?: { readonly value: string; readonly label: string } | undefined;
  readonly className?: string | undefined;
}

const options = (list: readonly RefOption[]) =>
  list.map((o) => (
    <option key={o.ref} value={o.ref}>
      {o.label}
    </option>
  ));

/** A native select of branches, release tags (prereleases marked) and other tags. */
export function RefSelect({ label, refs, value, onChange, leading, className }: RefSelectProps) {
  const groups = useMemo(() => refGroups(refs.branches, refs.tags), [refs.branches, refs.tags]);
  const known =
    value === leading?.value ||
    [...groups.branches, ...groups.releases, ...groups.otherTags].some((o) => o.ref === value);

  return (
    <select
      className={cx(styles.select, className)}
      aria-label={label}
      value={value}
      disabled={refs.loading && refs.branches.length === 0}
      onChange={(e) => onChange(e.target.value)}
    >
      {leading && <option value={leading.value}>{leading.label}</option>}
      {!known && value !== '' && <option value={value}>{value}</option>}
      {groups.branches.length > 0 && <optgroup label="Branches">{options(groups.branches)}</optgroup>}
      {groups.releases.length > 0 && <optgroup label="Release tags (semver)">{options(groups.releases)}</optgroup>}
      {groups.otherTags.length > 0 && <optgroup label="Other tags">{options(groups.otherTags)}</optgroup>}
    </select>
  );
}
