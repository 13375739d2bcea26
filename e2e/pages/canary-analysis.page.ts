import type { Page } from '@playwright/test';

/** Release detail's canary analysis: a chart per metric, each step's verdict, the A/B experiment. */
export class CanaryAnalysisPage {
  constructor(private readonly page: Page) {}

  readonly panel = () => this.page.getByRole('region', { name: 'Canary analysis' });
  readonly analysis = () => this.page.getByTestId('release-analysis');
  readonly chart = (metric: string) => this.page.locator(`[data-testid="metric-chart"][data-metric="${metric}"]`);
  readonly charts = () => this.page.getByTestId('metric-chart');
  readonly plot = (metric: string) => this.chart(metric).locator('svg.recharts-surface');
  /** The labels at the step boundaries: the weight, and ✓ / ✗ / ? for the step's verdict. */
  readonly stepLabels = (metric: string) => this.chart(metric).locator('svg text', { hasText: /^\d+ % [✓✗?…]$/ });
  readonly chartVerdict = (metric: string) => this.chart(metric).getByTestId('verdict').first();
  readonly metricStepVerdicts = (metric: string) => this.chart(metric).getByTestId('metric-step-verdict');
  readonly steps = () => this.page.getByTestId('step-verdict');
  readonly step = (n: number) => this.page.locator(`[data-testid="step-verdict"][data-step="${n}"]`);
  readonly automaticRollback = () => this.page.getByTestId('automatic-rollback');
  readonly rawQuery = (metric: string) => this.chart(metric).getByTestId('raw-query');
  readonly exportButton = (metric: string) => this.chart(metric).getByTestId('export-png');
}
