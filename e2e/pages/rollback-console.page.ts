import { expect, type Page } from '@playwright/test';

/** On-call mode: every environment in one keyboard-driven list. */
export class RollbackConsolePage {
  constructor(private readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Rollback console', exact: true });
  readonly list = () => this.page.getByRole('listbox', { name: 'Environments to roll back' });
  readonly rows = () => this.list().getByTestId('console-row');
  readonly row = (service: string, environment: string) => this.list().locator(`[data-testid="console-row"][data-service="${service}"][data-environment="${environment}"]`);
  readonly selected = () => this.list().locator('[aria-selected="true"]');
  readonly dialog = () => this.page.getByTestId('rollback-dialog');

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Rollback console', exact: true }).click();
    await expect(this.heading()).toBeVisible();
    await expect(this.rows().first()).toBeVisible({ timeout: 20_000 });
  }
}
