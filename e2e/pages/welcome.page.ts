import { expect, type Page } from '@playwright/test';

/** The first-run screen: what Shipdeck is, and the two ways in. */
export class WelcomePage {
  constructor(private readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: 'Welcome to Shipdeck' });
  readonly openDemoButton = () => this.page.getByRole('button', { name: 'Open the demo workspace' });
  readonly addServiceButton = () => this.page.getByRole('button', { name: 'Add a service', exact: true });

  async openDemo(): Promise<void> {
    await this.openDemoButton().click();
    await expect(this.page.getByRole('heading', { name: 'History', exact: true })).toBeVisible({ timeout: 30_000 });
  }
}
