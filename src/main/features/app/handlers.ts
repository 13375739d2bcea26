import type { AppInfo } from '../../../shared/contract';
import { type appContract } from '../../../shared/contract/app';
import type { CallNamesOf, FeatureHandlers, StreamNamesOf } from '../../api/handlers';
import { feed } from '../../event-bus';
import type { EventPort } from '../../ports/events';

type AppHandlers = FeatureHandlers<CallNamesOf<typeof appContract>, StreamNamesOf<typeof appContract>>;

export function createAppHandlers(deps: { readonly info: Omit<AppInfo, 'platform'>; readonly events: EventPort }): AppHandlers {
  return {
    calls: {
      'app.info': () => ({ ...deps.info, platform: process.platform })
    },
    streams: {
      'tasks.progress': ({ task }, sink, { signal }) =>
        feed(deps.events, 'task.progress', (event) => (task === undefined || event.task === task) && sink.push(event), signal)
    }
  };
}
