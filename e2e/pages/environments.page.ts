import { expect, type Locator, type Page } from '@playwright/test';

/** The Environments board: services × environments, Promote / Rollback, the inbox, the rollback dialog. */
export class EnvironmentsPage {
  constructor(private readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Environments', exact: true });
  readonly board = () => this.page.getByTestId('environments-board');
  readonly columns = () => this.board().getByTestId('env-column');
  readonly cell = (service: string, environment: string) =>
    this.page.locator(`[data-testid="env-cell"][data-service="${service}"][data-environment="${environment}"]`);
  readonly inbox = () => this.page.getByTestId('inbox');
  readonly inboxItems = (kind?: string) => this.inbox().locator(kind ? `[data-testid="inbox-item"][data-kind="${kind}"]` : '[data-testid="inbox-item"]');
  readonly inboxItem = (kind: string, service: string, environment: string) =>
    this.inbox().locator(`[data-testid="inbox-item"][data-kind="${kind}"][data-service="${service}"][data-environment="${environment}"]`);
  readonly dialog = () => this.page.getByTestId('rollback-dialog');
  readonly checks = () => this.dialog().getByTestId('preflight-check');

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Environments', exact: true }).click();
    await expect(this.heading()).toBeVisible();
    await expect(this.board()).toBeVisible({ timeout: 20_000 });
  }

  /** Opens the promote confirmation of a cell and confirms it. */
  async promote(service: string, environment: string): Promise<void> {
    const cell = this.cell(service, environment);
    await cell.getByTestId('promote').click();
    await cell.getByTestId('confirm-promote').click();
  }

  /** Opens the rollback dialog of a cell and waits for its pre-flight. */
  async openRollback(service: string, environment: string): Promise<void> {
    await this.cell(service, environment).getByTestId('rollback').click();
    await expect(this.dialog().getByTestId('preflight')).toBeVisible({ timeout: 20_000 });
  }

  async confirmRollback(reason?: string): Promise<void> {
    if (reason !== undefined) await this.dialog().getByTestId('rollback-reason').fill(reason);
    await this.dialog().getByTestId('confirm-rollback').click();
    await expect(this.dialog().getByTestId('rollback-progress')).toBeVisible();
  }

  /** A kubernetes cell's workload row, e.g. `deployment/api`. */
  readonly workload = (cell: Locator, name: string) => cell.locator(`[data-testid="kube-workload"][data-name="${name}"]`);
  readonly configureDialog = () => this.page.getByTestId('kube-configure-dialog');
  readonly kubePanel = () => this.page.getByTestId('kube-panel');

  /** Fills a kubernetes environment's target in its Configure dialog and saves it. */
  async configureKubernetes(cell: Locator, target: { context: string; namespace: string; deployment: string; rollout?: string }): Promise<void> {
    await cell.getByTestId('kube-configure').click();
    const dialog = this.configureDialog();
    await dialog.getByLabel('Context').selectOption(target.context);
    await dialog.getByTestId('kube-namespace').fill(target.namespace);
    await dialog.getByTestId('kube-deployment').fill(target.deployment);
    await dialog.getByTestId('kube-rollout').fill(target.rollout ?? '');
    await dialog.getByTestId('save-kube-target').click();
  }

  activeRelease(cell: Locator): Locator {
    return cell.getByTestId('active-release');
  }
}
