import { Screen, ScreenScroll } from '../../components/screen';
import { PrometheusPanel } from './prometheus-panel';
import { ReadOnlyPanel } from './read-only-panel';
import { SystemPanel } from './system-panel';

/** The workspace's settings: the Prometheus canary analysis asks, Docker and the registries, read-only services. */
export function SettingsScreen() {
  return (
    <Screen title="Settings" subtitle="Where canary analysis reads its metrics, whether Docker and the registries answer, and which services may be shadowed.">
      <ScreenScroll>
        <PrometheusPanel />
        <SystemPanel />
        <ReadOnlyPanel />
      </ScreenScroll>
    </Screen>
  );
}
