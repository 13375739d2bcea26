/**
 * The canary panels, loaded when a release detail first shows them: Recharts is most of their weight,
 * and the other screens (and the app's start) do not need it.
 */
import { lazy, Suspense } from 'react';
import type { ReleaseDetail } from '../../../../shared/domain/releases';

const ReleaseAnalysisPanel = lazy(async () => ({ default: (await import('./release-analysis-panel')).ReleaseAnalysisPanel }));
const ExperimentPanel = lazy(async () => ({ default: (await import('./experiment-panel')).ExperimentPanel }));

export function CanaryPanels({ release }: { readonly release: ReleaseDetail }) {
  return (
    <Suspense fallback={null}>
      <ReleaseAnalysisPanel release={release} />
      <ExperimentPanel release={release} />
    </Suspense>
  );
}
