import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { errorData } from '../../api/call-key';
import { useServices } from '../../app/use-services';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorBoundary } from '../../components/error-boundary';
import { ErrorPanel } from '../../components/error-panel';
import { Icon } from '../../components/icon';
import { Pane, PaneBand, PaneBody, PaneFooter, PaneMeta } from '../../components/pane';
import { Screen } from '../../components/screen';
import { SegmentedControl } from '../../components/segmented-control';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Spinner } from '../../components/spinner';
import { ArtifactDetailView } from './artifact-detail';
import { isFiltered, listInput, NO_FILTERS, type ArtifactFilterState } from './artifact-filters';
import { ArtifactTable } from './artifact-table';
import styles from './artifacts.module.css';
import { FilterBand } from './filter-band';
import { OfflineIndicator } from '../../components/offline-indicator';
import { RetentionPanel } from './retention-panel';
import { useArtifactPages } from './use-artifact-pages';
import { useSystemStatus } from '../../api/use-system-status';
import { pruneBlockedReason } from './prune-blocked';

const PAGE_SIZE = 200;
/** Typing in the search box asks again once the user pauses this long. */
const SEARCH_DELAY_MS = 200;
type SideTab = 'detail' | 'retention';
const SIDE_TABS: readonly { readonly value: SideTab; readonly label: string }[] = [
  { value: 'detail', label: 'Artifact' },
  { value: 'retention', label: 'Retention' }
];

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Every artifact of every service, from the local record (offline too): search, filter, sort, detail, retention. */
export function ArtifactsScreen() {
  const client = useQueryClient();
  const services = useServices();
  const status = useSystemStatus();
  const [filters, setFilters] = useState<ArtifactFilterState>(NO_FILTERS);
  const search = useDebounced(filters.search, SEARCH_DELAY_MS);
  const input = listInput({ ...filters, search }, PAGE_SIZE);
  const { query, artifacts } = useArtifactPages(input);
  const [selectedIndex, setSelectedIndex] = useState(-1);
  const [openId, setOpenId] = useState<number | null>(null);
  const [tab, setTab] = useState<SideTab>('detail');
  const resetKey = JSON.stringify(input);

  useEffect(() => setSelectedIndex(-1), [resetKey]);
  const select = useCallback(
    (index: number) => {
      setSelectedIndex(index);
      const artifact = artifacts[index];
      if (artifact) {
        setOpenId(artifact.id);
        setTab('detail');
      }
    },
    [artifacts]
  );
  const loadMore = useCallback(() => {
    if (query.hasNextPage && !query.isFetchingNextPage && !query.isFetchNextPageError) void query.fetchNextPage();
  }, [query]);

  const serviceList = services.data ?? [];
  const openArtifact = artifacts.find((a) => a.id === openId);
  const retentionService = filters.service || openArtifact?.service || serviceList[0]?.name || '';
  const blockedReason = pruneBlockedReason(
    status.data,
    serviceList.find((s) => s.name === retentionService)
  );
  const stale = query.isPlaceholderData || (query.isFetching && !query.isFetchingNextPage);
  const ready = query.isSuccess && !query.isPlaceholderData;
  const count = `${artifacts.length.toLocaleString('en')}${query.hasNextPage ? '+' : ''}`;

  let body;
  if (query.isPending) body = <SkeletonRows label="Loading artifacts" />;
  else if (query.isError && !query.isFetchNextPageError) {
    body = <ErrorPanel title="Could not load artifacts" error={errorData(query.error)} onRetry={() => void query.refetch()} />;
  } else if (artifacts.length === 0) {
    body = (
      <EmptyState>
        {isFiltered(filters) ? (
          <>
            <p>No artifacts match.</p>
            <Button size="small" onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}>
              Clear filters
            </Button>
          </>
        ) : (
          <p>No artifacts recorded yet. A pipeline run with a push stage records one.</p>
        )}
      </EmptyState>
    );
  } else {
    body = (
      <ArtifactTable
        artifacts={artifacts}
        selectedIndex={selectedIndex}
        onSelect={select}
        openId={openId}
        onNearEnd={query.hasNextPage ? loadMore : undefined}
        resetKey={resetKey}
        stale={stale}
      />
    );
  }

  return (
    <Screen
      title="Artifacts"
      inline
      subtitle={<OfflineIndicator status={status.data} checking={status.isFetching} />}
      tools={
        <Button
          iconOnly
          aria-label="Refresh"
          title="Reload the artifacts and check Docker and the registries again"
          onClick={() => {
            void client.invalidateQueries({ queryKey: ['artifacts.list'] });
            void status.refetch();
          }}
        >
          <Icon name="refresh" />
        </Button>
      }
    >
      <div className={styles.body}>
        <Pane
          className={styles.listPane}
          titleId="artifacts-heading"
          title="All artifacts"
          tools={
            <>
              <PaneMeta testId="artifact-count">{ready ? `${count} artifact${artifacts.length === 1 && !query.hasNextPage ? '' : 's'}` : ''}</PaneMeta>
              {stale && artifacts.length > 0 && <Spinner label="Updating artifacts" />}
            </>
          }
        >
          <PaneBand>
            <FilterBand
              filters={filters}
              services={serviceList}
              onChange={setFilters}
              onClear={isFiltered(filters) ? () => setFilters({ ...NO_FILTERS, sort: filters.sort }) : undefined}
            />
          </PaneBand>
          <PaneBody>{body}</PaneBody>
          {query.isFetchingNextPage && (
            <PaneFooter>
              <Spinner label="Loading more artifacts" /> Loading more artifacts…
            </PaneFooter>
          )}
        </Pane>
        <section className={styles.side} aria-label="Artifact detail and retention">
          <div className={styles.sideTabs}>
            <SegmentedControl label="Side panel" options={SIDE_TABS} value={tab} onChange={setTab} idPrefix="artifacts-tab" controls="artifacts-side-panel" />
            {tab === 'retention' && retentionService && <span className={styles.faint}>for {retentionService}</span>}
          </div>
          <div className={styles.sideBody} role="tabpanel" id="artifacts-side-panel" aria-labelledby={`artifacts-tab-${tab}`}>
            <ErrorBoundary key={tab} name={tab === 'detail' ? 'Artifact detail' : 'Retention'}>
              {tab === 'detail' ? (
                <ArtifactDetailView id={openId} />
              ) : retentionService ? (
                <RetentionPanel service={retentionService} blockedReason={blockedReason} />
              ) : (
                <EmptyState>
                  <p>Add a service to set its retention.</p>
                </EmptyState>
              )}
            </ErrorBoundary>
          </div>
        </section>
      </div>
    </Screen>
  );
}
