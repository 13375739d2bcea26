import { type historyContract } from '../../../shared/contract/history';
import type { CallNamesOf, FeatureHandlers, StreamNamesOf } from '../../api/handlers';
import type { GitPort } from '../../ports/git';
import type { WorkspaceStore } from '../../ports/store';
import { createServiceHistory } from './service-history';

type HistoryHandlers = FeatureHandlers<CallNamesOf<typeof historyContract>, StreamNamesOf<typeof historyContract>>;

export function createHistoryHandlers(deps: { readonly git: GitPort; readonly store: WorkspaceStore }): HistoryHandlers {
  const history = createServiceHistory(deps);
  return {
    calls: {
      'history.branches': ({ service }, { signal }) => history.branches(service, signal),
      'history.tags': ({ service }, { signal }) => history.tags(service, signal),
      'history.commits': ({ service, ref, text, author, shaPrefix, offset, limit }, { signal }) =>
        history.commits(service, { ref, text, author, shaPrefix, offset, limit }, signal),
      'history.commit': ({ service, sha }, { signal }) => history.commit(service, sha, signal),
      'history.compare': ({ service, from, to, limit }, { signal }) => history.compare(service, from, to, limit, signal)
    },
    streams: {
      'history.range': ({ service, from, to, limit }, sink, { signal }) =>
        history.streamRange(service, { from, to, limit: limit ?? null }, (item) => sink.push(item), signal)
    }
  };
}
