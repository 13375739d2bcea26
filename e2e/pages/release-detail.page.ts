import type { Page } from '@playwright/test';

/** One release: header, strategy steps, commits, the timeline of events, approvals, audit. */
export class ReleaseDetailPage {
  constructor(private readonly page: Page) {}

  readonly heading = () => this.page.getByRole('heading', { name: /^Release #\d+$/ });
  readonly detail = () => this.page.getByTestId('release-detail');
  readonly events = () => this.page.getByTestId('release-event');
  readonly event = (phase: string) => this.page.locator(`[data-testid="release-event"][data-phase="${phase}"]`);
  readonly steps = () => this.page.getByTestId('strategy-step');
  readonly approvals = () => this.page.getByTestId('release-approvals');
  readonly audit = () => this.page.getByTestId('release-audit');
  readonly back = () => this.page.getByTestId('back');
}
