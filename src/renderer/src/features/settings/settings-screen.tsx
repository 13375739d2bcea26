import { Screen, ScreenScroll } from '../../components/screen';
import { KubernetesPanel } from './kubernetes-panel';
import { PrometheusPanel } from './prometheus-panel';
import { ReadOnlyPanel } from './read-only-panel';
import { SystemPanel } from './system-panel';

/** The workspace's settings: the Prometheus canary analysis asks, Docker and the registries, Kubernetes contexts, read-only services. */
export function SettingsScreen() {
  return (
    <Screen title="Settings" subtitle="Where canary analysis reads its metrics, whether Docker and the registries answer, which Kubernetes contexts there are, and which services may be shadowed.">
      <ScreenScroll>
        <PrometheusPanel />
        <SystemPanel />
        <KubernetesPanel />
        <ReadOnlyPanel />
      </ScreenScroll>
    </Screen>
  );
}
