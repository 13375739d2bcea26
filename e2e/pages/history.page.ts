import { expect, type Locator, type Page } from '@playwright/test';

/** The Service history screen: log with search, commit detail, and compare. */
export class HistoryPage {
  constructor(private readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'History', exact: true });
  readonly commitList = () => this.page.getByRole('listbox', { name: 'Commits', exact: true });
  readonly commitRows = () => this.commitList().getByTestId('commit-row');
  readonly commitCount = () => this.page.getByTestId('commit-count');
  readonly detail = () => this.page.getByTestId('commit-detail');
  readonly changedFiles = () => this.page.getByTestId('changed-file');
  readonly messageSearch = () => this.page.getByRole('textbox', { name: 'Search commit messages' });
  readonly authorFilter = () => this.page.getByRole('textbox', { name: 'Filter by author' });
  readonly shaFilter = () => this.page.getByRole('textbox', { name: 'Filter by SHA prefix' });
  readonly refSelect = () => this.page.getByRole('combobox', { name: 'Branch or tag' });

  async searchMessages(text: string): Promise<void> {
    await this.messageSearch().fill(text);
  }

  async openCommit(row: Locator): Promise<void> {
    await row.click();
    await expect(this.detail()).toBeVisible();
  }

  async openCompare(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Compare' }).click();
    await expect(this.page.getByRole('heading', { name: 'Compare', exact: true })).toBeVisible();
  }

  readonly fromRef = () => this.page.getByRole('combobox', { name: 'From ref' });
  readonly toRef = () => this.page.getByRole('combobox', { name: 'To ref' });
  readonly compareSummary = () => this.page.getByTestId('compare-summary');
  readonly compareRows = () => this.page.getByTestId('compare-list').getByTestId('commit-row');

  async compare(from: string, to: string): Promise<void> {
    await this.fromRef().selectOption(from);
    await this.toRef().selectOption(to);
  }
}
