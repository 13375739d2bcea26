import { useCallback, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Commit } from '../../../../shared/domain/history';
import { ErrorPanel } from '../../components/error-panel';
import { Icon } from '../../components/icon';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Spinner } from '../../components/spinner';
import { useCommitDetailStore } from '../../stores/commit-detail-store';
import { useCompareStore } from '../../stores/compare-store';
import { useHistoryRefsStore } from '../../stores/history-refs-store';
import { CommitList } from './commit-list';
import { summarizeComparison } from './compare-summary';
import { defaultComparePair, labelOfRef, refGroups } from './ref-options';
import { RefSelect } from './ref-select';

/** What changed between two refs: `git from..to`, with a nudge when the direction looks wrong. */
export function ComparePane({ service }: { readonly service: string }) {
  const { from, to, status, result, error, selectedIndex, compareService } = useCompareStore(
    useShallow((s) => ({
      from: s.from,
      to: s.to,
      status: s.status,
      result: s.result,
      error: s.error,
      selectedIndex: s.selectedIndex,
      compareService: s.service
    }))
  );
  const { init, setFrom, setTo, swap, run, select } = useCompareStore.getState();
  const { branches, tags, refsStatus, refsService, refsError } = useHistoryRefsStore(
    useShallow((s) => ({ branches: s.branches, tags: s.tags, refsStatus: s.status, refsService: s.service, refsError: s.error }))
  );
  const openSha = useCommitDetailStore((s) => s.sha);
  const groups = useMemo(() => refGroups(branches, tags), [branches, tags]);

  useEffect(() => {
    if (refsStatus === 'ready' && refsService === service && compareService !== service) {
      init(service, defaultComparePair(branches, tags));
    }
  }, [refsStatus, refsService, service, compareService, branches, tags, init]);

  const open = useCallback((commit: Commit) => void useCommitDetailStore.getState().open(service, commit.sha), [service]);
  const fromLabel = from ? labelOfRef(from, groups) : '';
  const toLabel = to ? labelOfRef(to, groups) : '';
  // Worded from the refs the result is for: while a new comparison loads, the old one stays readable.
  const summary = result ? summarizeComparison(result, labelOfRef(result.from, groups), labelOfRef(result.to, groups)) : null;

  let body;
  if (refsStatus === 'error' && refsError) {
    body = (
      <ErrorPanel
        title="Could not load branches and tags"
        error={refsError}
        onRetry={() => void useHistoryRefsStore.getState().load(service)}
      />
    );
  } else if (!from || !to) {
    body =
      refsStatus === 'ready' ? (
        <div className="empty-state">
          <p>Pick two refs to see the commits between them.</p>
        </div>
      ) : (
        <SkeletonRows label="Loading branches and tags" />
      );
  } else if (status === 'error' && error) {
    body = <ErrorPanel title="Could not compare" error={error} onRetry={() => void run()} />;
  } else if (!result) {
    body = <SkeletonRows label="Comparing" />;
  } else {
    body =
      result.commits.length === 0 ? (
        <div className="empty-state">
          <p>Every commit in {labelOfRef(result.to, groups)} is already in {labelOfRef(result.from, groups)}.</p>
        </div>
      ) : (
        <CommitList
          commits={result.commits}
          label={`Commits between ${fromLabel} and ${toLabel}`}
          idPrefix="compare"
          selectedIndex={selectedIndex}
          onSelect={select}
          openSha={openSha}
          onOpen={open}
          resetKey={`${result.fromSha}..${result.toSha}`}
          stale={status === 'loading'}
        />
      );
  }

  return (
    <section className="pane list-pane" aria-labelledby="compare-heading">
      <div className="pane-toolbar">
        <h2 id="compare-heading" className="pane-title">
          Compare
        </h2>
        {status === 'loading' && <Spinner label="Comparing" />}
      </div>
      <div className="compare-controls">
        <label className="compare-ref">
          <span>From</span>
          <RefSelect label="From ref" value={from ?? ''} onChange={setFrom} leading={from ? undefined : { value: '', label: 'Choose…' }} />
        </label>
        <button
          type="button"
          className="button icon-button"
          aria-label="Swap from and to"
          title="Swap from and to"
          disabled={!from || !to}
          onClick={swap}
        >
          <Icon name="swap" />
        </button>
        <label className="compare-ref">
          <span>To</span>
          <RefSelect label="To ref" value={to ?? ''} onChange={setTo} leading={to ? undefined : { value: '', label: 'Choose…' }} />
        </label>
      </div>
      {summary && status !== 'error' && (
        <div className="compare-summary">
          <p className="compare-headline" role="status" data-testid="compare-summary">
            <strong>{summary.headline}</strong>
            {summary.merges && <span className="muted"> · {summary.merges}</span>}
          </p>
          {summary.behindNote && (
            <div className="note warning" role="note">
              <span>{summary.behindNote}</span>
              <button type="button" className="button small" onClick={swap}>
                Swap
              </button>
            </div>
          )}
          {summary.truncatedNote && (
            <div className="note" role="note">
              {summary.truncatedNote}
            </div>
          )}
        </div>
      )}
      <div className="list-body">{body}</div>
    </section>
  );
}
