import type { ReleaseDetail } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { EmptyNote } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Panel } from '../../components/panel';
import { SkeletonRows } from '../../components/skeleton-rows';
import { useNavigationStore } from '../../stores/navigation-store';
import { ReleaseAnalysisView } from './release-analysis-view';

/**
 * Release detail's canary analysis: the recorded series, steps and verdicts (`analysis.get`, read from
 * the records, so it replays offline). While the release runs, each `releases.changes` hint refetches
 * it (the contract's invalidation table), so the charts follow the canary.
 */
export function ReleaseAnalysisPanel({ release }: { readonly release: ReleaseDetail }) {
  const canary = release.strategy === 'canary';
  const query = useCallQuery('analysis.get', { deploymentId: release.id }, { enabled: canary });
  const openRelease = useNavigationStore((s) => s.openRelease);
  if (!canary) return null;
  const live = release.status === 'in-progress';
  const analysis = query.data;

  return (
    <Panel title="Canary analysis">
      {query.isPending ? (
        <SkeletonRows count={4} label="Loading the canary analysis" />
      ) : !analysis ? (
        <ErrorPanel title="Could not load the canary analysis" error={errorData(query.error)} onRetry={() => void query.refetch()} compact />
      ) : analysis.metrics.length === 0 && analysis.steps.length === 0 ? (
        <EmptyNote>
          {live
            ? 'The analysis starts with the first canary step.'
            : 'No analysis was recorded for this canary: it ran without a Prometheus endpoint, or stopped before its first step.'}
        </EmptyNote>
      ) : (
        <ReleaseAnalysisView
          analysis={analysis}
          live={live}
          exportContext={{ subtitle: `Release #${release.id} · ${release.service} · ${release.environment}`, fileParts: ['shipdeck', 'release', release.id] }}
          rollbackLink={(deploymentId) => (
            <p>
              <Button variant="link" onClick={() => openRelease(deploymentId)} data-testid="open-automatic-rollback">
                Open the rollback, release #{deploymentId}
              </Button>
            </p>
          )}
        />
      )}
    </Panel>
  );
}
