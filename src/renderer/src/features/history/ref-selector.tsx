import { useMemo } from 'react';
import { useCommitLogViewStore } from '../../stores/commit-log-view-store';
import { RefKindBadge } from './badges';
import { kindOfRef, refGroups } from './ref-options';
import { RefSelect } from './ref-select';
import styles from './refs.module.css';
import { useHistoryRefs } from './use-history-refs';

/** Which branch or tag the log starts from; HEAD by default. */
export function RefSelector({ service }: { readonly service: string }) {
  const ref = useCommitLogViewStore((s) => (s.service === service ? s.ref : null));
  const setRef = useCommitLogViewStore((s) => s.setRef);
  const refs = useHistoryRefs(service);
  const groups = useMemo(() => refGroups(refs.branches, refs.tags), [refs.branches, refs.tags]);
  const current = refs.branches.find((b) => b.current);

  return (
    <div className={styles.selector}>
      <RefSelect
        label="Branch or tag"
        refs={refs}
        value={ref ?? ''}
        onChange={(value) => setRef(value === '' ? null : value)}
        leading={{ value: '', label: current ? `HEAD (${current.name})` : 'HEAD' }}
      />
      <RefKindBadge kind={ref === null ? (current ? 'branch' : null) : kindOfRef(ref, groups)} />
    </div>
  );
}
