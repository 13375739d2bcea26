import { useMemo } from 'react';
import { useCommitLogStore } from '../../stores/commit-log-store';
import { useHistoryRefsStore } from '../../stores/history-refs-store';
import { RefKindBadge } from './ref-kind-badge';
import { kindOfRef, refGroups } from './ref-options';
import { RefSelect } from './ref-select';

/** Which branch or tag the log starts from; HEAD by default. */
export function RefSelector() {
  const ref = useCommitLogStore((s) => s.ref);
  const setRef = useCommitLogStore((s) => s.setRef);
  const branches = useHistoryRefsStore((s) => s.branches);
  const tags = useHistoryRefsStore((s) => s.tags);
  const groups = useMemo(() => refGroups(branches, tags), [branches, tags]);
  const current = branches.find((b) => b.current);

  return (
    <div className="ref-selector">
      <RefSelect
        label="Branch or tag"
        value={ref ?? ''}
        onChange={(value) => setRef(value === '' ? null : value)}
        leading={{ value: '', label: current ? `HEAD (${current.name})` : 'HEAD' }}
      />
      <RefKindBadge kind={ref === null ? (current ? 'branch' : null) : kindOfRef(ref, groups)} />
    </div>
  );
}
