import { keepPreviousData } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import type { Commit } from '../../../../shared/domain/history';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Icon } from '../../components/icon';
import { Pane, PaneBand, PaneBody } from '../../components/pane';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Spinner } from '../../components/spinner';
import { useCompareViewStore } from '../../stores/compare-view-store';
import { useOpenCommitStore } from '../../stores/open-commit-store';
import { CommitList } from './commit-list';
import styles from './compare-pane.module.css';
import { summarizeComparison } from './compare-summary';
import historyStyles from './history.module.css';
import { defaultComparePair, labelOfRef, refGroups } from './ref-options';
import { RefSelect } from './ref-select';
import { useHistoryRefs } from './use-history-refs';

/** What changed between two refs: `git from..to`, with a nudge when the direction looks wrong. */
export function ComparePane({ service }: { readonly service: string }) {
  const view = useCompareViewStore();
  const mine = view.service === service;
  const from = mine ? view.from : null;
  const to = mine ? view.to : null;
  const refs = useHistoryRefs(service);
  const openSha = useOpenCommitStore((s) => (s.service === service ? s.sha : null));
  const groups = useMemo(() => refGroups(refs.branches, refs.tags), [refs.branches, refs.tags]);
  const query = useCallQuery(
    'history.compare',
    { service, from: from ?? '', to: to ?? '' },
    { enabled: from !== null && to !== null, placeholderData: keepPreviousData }
  );
  const result = query.data ?? null;

  useEffect(() => {
    if (refs.ready && !mine) view.init(service, defaultComparePair(refs.branches, refs.tags));
  }, [refs.ready, mine, service, refs.branches, refs.tags, view]);

  const open = useCallback((commit: Commit) => useOpenCommitStore.getState().open(service, commit.sha), [service]);
  const fromLabel = from ? labelOfRef(from, groups) : '';
  const toLabel = to ? labelOfRef(to, groups) : '';
  // Worded from the refs the result is for: while a new comparison loads, the old one stays readable.
  const summary = result ? summarizeComparison(result, labelOfRef(result.from, groups), labelOfRef(result.to, groups)) : null;

  let body;
  if (refs.error) {
    body = <ErrorPanel title="Could not load branches and tags" error={refs.error} onRetry={refs.retry} />;
  } else if (!from || !to) {
    body = refs.ready ? (
      <EmptyState>
        <p>Pick two refs to see the commits between them.</p>
      </EmptyState>
    ) : (
      <SkeletonRows label="Loading branches and tags" />
    );
  } else if (query.isError) {
    body = <ErrorPanel title="Could not compare" error={errorData(query.error)} onRetry={() => void query.refetch()} />;
  } else if (!result) {
    body = <SkeletonRows label="Comparing" />;
  } else {
    body =
      result.commits.length === 0 ? (
        <EmptyState>
          <p>
            Every commit in {labelOfRef(result.to, groups)} is already in {labelOfRef(result.from, groups)}.
          </p>
        </EmptyState>
      ) : (
        <CommitList
          commits={result.commits}
          tags={refs.tags}
          label={`Commits between ${fromLabel} and ${toLabel}`}
          idPrefix="compare"
          selectedIndex={view.selectedIndex}
          onSelect={view.select}
          openSha={openSha}
          onOpen={open}
          resetKey={`${result.fromSha}..${result.toSha}`}
          stale={query.isFetching}
        />
      );
  }

  return (
    <Pane
      className={historyStyles.listPane}
      titleId="compare-heading"
      title="Compare"
      tools={query.isFetching && <Spinner label="Comparing" />}
    >
      <PaneBand>
        <div className={styles.controls}>
          <label className={styles.ref}>
            <span>From</span>
            <RefSelect
              label="From ref"
              refs={refs}
              value={from ?? ''}
              onChange={view.setFrom}
              leading={from ? undefined : { value: '', label: 'Choose…' }}
            />
          </label>
          <Button iconOnly aria-label="Swap from and to" title="Swap from and to" disabled={!from || !to} onClick={view.swap}>
            <Icon name="swap" />
          </Button>
          <label className={styles.ref}>
            <span>To</span>
            <RefSelect
              label="To ref"
              refs={refs}
              value={to ?? ''}
              onChange={view.setTo}
              leading={to ? undefined : { value: '', label: 'Choose…' }}
            />
          </label>
        </div>
      </PaneBand>
      {summary && !query.isError && (
        <div className={styles.summary}>
          <p role="status" data-testid="compare-summary">
            <strong>{summary.headline}</strong>
            {summary.merges && <span className="muted"> · {summary.merges}</span>}
          </p>
          {summary.behindNote && (
            <div className={cx(styles.note, styles.warning)} role="note">
              <span>{summary.behindNote}</span>
              <Button size="small" onClick={view.swap}>
                Swap
              </Button>
            </div>
          )}
          {summary.truncatedNote && (
            <div className={styles.note} role="note">
              {summary.truncatedNote}
            </div>
          )}
        </div>
      )}
      <PaneBody>{body}</PaneBody>
    </Pane>
  );
}
