import { expect, type Locator, type Page } from '@playwright/test';

/** The Settings screen: the workspace's Prometheus, Docker and registries, and read-only services. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  }

  readonly prometheusForm = () => this.page.getByRole('form', { name: 'Prometheus endpoint' });
  readonly prometheusInput = () => this.prometheusForm().getByRole('textbox', { name: 'Prometheus URL' });
  readonly prometheusStatus = () => this.page.getByTestId('prometheus-status');
  readonly targetsFolder = () => this.page.getByTestId('targets-folder');
  readonly systemStatus = () => this.page.getByRole('table', { name: 'Docker and registries' });
  readonly dockerRow = () => this.page.getByTestId('docker-status');
  readonly readOnlySwitch = (service: string): Locator => this.page.getByRole('switch', { name: `${service} is read-only`, exact: true });
  readonly readOnlyState = (service: string): Locator =>
    this.page.getByRole('list', { name: 'Read-only services' }).getByRole('listitem', { name: service, exact: true }).getByTestId('read-only-state');

  readonly kubernetes = () => this.page.getByTestId('kubernetes-settings');
  readonly kubeContext = (name: string): Locator => this.page.locator(`[data-testid="kube-context"][data-context="${name}"]`);
  readonly kubeWatch = (namespace: string): Locator => this.page.locator(`[data-testid="kube-watch"][data-namespace="${namespace}"]`);
  /** A kubernetes environment's row: its context picker, save state, namespace and workload, Configure…. */
  readonly kubeEnvironment = (service: string, environment: string): Locator =>
    this.page.locator(`[data-testid="kube-environment"][data-service="${service}"][data-environment="${environment}"]`);
  readonly kubeEnvironmentContext = (service: string, environment: string): Locator => this.page.getByRole('combobox', { name: `Context of ${service} · ${environment}`, exact: true });
  readonly releaseToClusterForm = () => this.page.getByRole('form', { name: 'Release an environment to a cluster' });

  /** Opens the Configure dialog for an environment that is not a kubernetes one yet. */
  async releaseToCluster(service: string, environment: string): Promise<void> {
    await this.releaseToClusterForm().getByRole('combobox', { name: 'Environment' }).selectOption(`${service}/${environment}`);
    await this.releaseToClusterForm().getByRole('button', { name: 'Configure a Kubernetes target…' }).click();
  }

  async setPrometheus(url: string): Promise<void> {
    await this.prometheusInput().fill(url);
    await this.prometheusForm().getByRole('button', { name: 'Save', exact: true }).click();
  }

  async clearPrometheus(): Promise<void> {
    await this.prometheusForm().getByRole('button', { name: 'Clear', exact: true }).click();
  }
}
