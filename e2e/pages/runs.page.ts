import { expect, type Locator, type Page } from '@playwright/test';

/** The Pipeline runs screen: runs, the selected run's stage graph and its live log. */
export class RunsPage {
  constructor(private readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Pipeline runs', exact: true });
  readonly runRows = () => this.page.getByRole('listbox', { name: 'Pipeline runs' }).getByTestId('run-row');
  readonly detail = () => this.page.getByTestId('run-detail');
  readonly stage = (name: string) => this.page.locator(`[data-testid="stage-node"][data-stage="${name}"]`);
  readonly logLines = () => this.page.getByTestId('log-line');
  readonly logLine = (number: number) => this.page.locator(`[data-testid="log-line"][data-line="${number}"]`);
  readonly logTotal = () => this.page.getByTestId('log-total');
  readonly search = () => this.page.getByRole('textbox', { name: 'Search the log' });
  readonly searchCount = () => this.page.getByTestId('log-search-count');

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Pipeline runs' }).click();
    await expect(this.heading()).toBeVisible();
  }

  async start(ref?: string): Promise<void> {
    if (ref !== undefined) await this.page.getByTestId('run-ref').fill(ref);
    await this.page.getByTestId('start-run').click();
  }

  async selectStage(name: string): Promise<void> {
    await this.stage(name).click();
  }

  async searchLog(text: string): Promise<void> {
    await this.search().fill(text);
    await this.search().press('Enter');
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('cancel-run').click();
  }

  runStatus(row: Locator): Locator {
    return row.locator('[data-status]').first();
  }
}
