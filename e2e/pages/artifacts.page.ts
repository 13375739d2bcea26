import { expect, type Page } from '@playwright/test';

/** The Artifacts screen: the catalogue table, its filters, the detail pane and the retention panel. */
export class ArtifactsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Artifacts', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Artifacts', exact: true })).toBeVisible();
  }

  readonly table = () => this.page.getByRole('listbox', { name: 'Artifacts' });
  readonly rows = () => this.table().getByRole('option');
  readonly count = () => this.page.getByTestId('artifact-count');
  readonly search = () => this.page.getByRole('searchbox', { name: 'Search artifacts' });
  readonly serviceFilter = () => this.page.getByRole('combobox', { name: 'Service' });
  readonly statusFilter = () => this.page.getByRole('combobox', { name: 'Status' });
  readonly sort = () => this.page.getByRole('combobox', { name: 'Sort' });
  readonly offlineIndicator = () => this.page.getByTestId('offline-indicator');
  readonly detail = () => this.page.getByTestId('artifact-detail');
  readonly retentionTab = () => this.page.getByRole('tab', { name: 'Retention' });
  readonly dryRunButton = () => this.page.getByRole('button', { name: 'Dry run', exact: true });
  readonly pruneButton = () => this.page.getByRole('button', { name: 'Prune…' });
  readonly wouldGo = () => this.page.getByTestId('prune-would-go').getByRole('listitem');
  readonly kept = () => this.page.getByTestId('prune-kept').getByRole('listitem');
  readonly blockedReason = () => this.page.getByTestId('prune-blocked');
}
