import type { ReleaseDetail } from '../../../../shared/domain/releases';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { ErrorPanel } from '../../components/error-panel';
import { Panel } from '../../components/panel';
import { ExperimentView } from './experiment-view';

/**
 * The A/B experiment a running canary makes (held at 50 % with a sticky key), in its Release detail.
 * Where none runs (`NOT_FOUND`), nothing is shown; any other error is, with its hint.
 */
export function ExperimentPanel({ release }: { readonly release: ReleaseDetail }) {
  const running = release.strategy === 'canary' && release.status === 'in-progress';
  const query = useCallQuery('experiments.status', { service: release.service, environment: release.environment }, { enabled: running });
  if (!running || query.isPending) return null;
  if (!query.data) {
    const error = errorData(query.error);
    return error.code === 'NOT_FOUND' ? null : (
      <Panel title="A/B experiment">
        <ErrorPanel title="Could not read the experiment" error={error} onRetry={() => void query.refetch()} compact />
      </Panel>
    );
  }
  return (
    <Panel title="A/B experiment">
      <ExperimentView status={query.data} />
    </Panel>
  );
}
