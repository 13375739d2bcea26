import { useMemo } from 'react';
import { useHistoryRefsStore } from '../../stores/history-refs-store';
import { refGroups, type RefOption } from './ref-options';

interface RefSelectProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (ref: string) => void;
  /** An extra first option, e.g. HEAD for the log. */
  readonly leading?: { readonly value: string; readonly label: string } | undefined;
  readonly id?: string;
}

const options = (list: readonly RefOption[]) =>
  list.map((o) => (
    <option key={o.ref} value={o.ref}>
      {o.label}
    </option>
  ));

/** A native select of branches, release tags (prereleases marked) and other tags. */
export function RefSelect({ label, value, onChange, leading, id }: RefSelectProps) {
  const branches = useHistoryRefsStore((s) => s.branches);
  const tags = useHistoryRefsStore((s) => s.tags);
  const status = useHistoryRefsStore((s) => s.status);
  const groups = useMemo(() => refGroups(branches, tags), [branches, tags]);
  const known =
    value === leading?.value ||
    [...groups.branches, ...groups.releases, ...groups.otherTags].some((o) => o.ref === value);

  return (
    <select
      id={id}
      className="ref-select"
      aria-label={label}
      value={value}
      disabled={status === 'loading' && branches.length === 0}
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
