// Canary analysis in Release detail, replayed from the records (no Prometheus, no Docker): a canary that
// passed, one rolled back automatically, the verdicts and why, the queries, and a chart exported as PNG.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { seedCanaries } from './fixtures/analysis-seed';
import { expect, test } from './fixtures/shipdeck';
import { CanaryAnalysisPage } from './pages/canary-analysis.page';
import { EnvironmentsPage } from './pages/environments.page';
import { ReleaseDetailPage } from './pages/release-detail.page';

const shot = (name: string) => path.join('test-results', 'screenshots', `${name}.png`);

/** Every CSP refusal the page reports (an export that loaded a blocked image would show here). */
function cspRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

/** Width and height from a PNG's header (after the 8-byte signature, the IHDR chunk). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('a passed canary and an automatically rolled-back one show their charts, verdicts and queries; a chart exports as PNG', async ({ page, shipdeck }, testInfo) => {
  const seeded = await seedCanaries(shipdeck.dataDir);
  const refused = cspRefusals(page);
  // Tall enough that a screenshot holds the whole analysis (the app scrolls inside its main area).
  await page.setViewportSize({ width: 1360, height: 2600 });
  await page.goto(shipdeck.url);
  const board = new EnvironmentsPage(page);
  const detail = new ReleaseDetailPage(page);
  const analysis = new CanaryAnalysisPage(page);
  await board.open();

  // staging: the canary that passed every step.
  await board.cell('shop-api', 'staging').getByTestId('current-artifact').click();
  await expect(detail.heading()).toHaveText(`Release #${seeded.passedId}`);
  await expect(analysis.charts()).toHaveCount(2);
  for (const metric of ['error-rate', 'latency-p95']) {
    await expect(analysis.plot(metric)).toBeVisible();
    // Two lines (baseline, canary) drawn from the recorded points, and a boundary per step with its weight.
    await expect(analysis.chart(metric).locator('.recharts-line-curve')).toHaveCount(metric === 'latency-p95' ? 3 : 2);
    await expect(analysis.stepLabels(metric)).toHaveText(['5 % ✓', '25 % ✓', '50 % ✓']);
    await expect(analysis.chartVerdict(metric)).toHaveText('Passed');
    await expect(analysis.metricStepVerdicts(metric)).toHaveCount(3);
  }
  await expect(analysis.steps()).toHaveCount(3);
  await expect(analysis.steps().filter({ has: page.locator('[data-verdict="pass"]') })).toHaveCount(3);
  await expect(analysis.analysis()).toContainText('Replayed from the release record');
  await expect(analysis.automaticRollback()).toHaveCount(0);
  // The threshold lines: the absolute limit of the error rate, baseline × 1.5 for the latency.
  await expect(analysis.chart('error-rate')).toContainText('limit 5 %');
  await expect(analysis.chart('latency-p95')).toContainText('baseline mean × 1.5');
  // The query as sent, per role.
  await analysis.rawQuery('error-rate').getByText('Query').click();
  await expect(analysis.rawQuery('error-rate').locator('[data-role="canary"]')).toContainText('role="canary"');
  await expect(analysis.rawQuery('error-rate').locator('[data-role="baseline"]')).toContainText('environment="staging"');
  await page.screenshot({ path: shot('canary-passed') });

  // The PNG: a real image of the chart, under its title and legend.
  const [download] = await Promise.all([page.waitForEvent('download'), analysis.exportButton('error-rate').click()]);
  expect(download.suggestedFilename()).toBe(`shipdeck-release-${seeded.passedId}-error-rate.png`);
  const file = testInfo.outputPath('error-rate.png');
  await download.saveAs(file);
  const size = pngSize(file);
  const plot = await analysis.plot('error-rate').boundingBox();
  expect(size.width).toBeGreaterThan((plot?.width ?? 0) * 2 - 1);
  expect(size.height).toBeGreaterThan((plot?.height ?? 0) * 2);
  fs.copyFileSync(file, shot('canary-passed-error-rate-export'));

  // prod: the rollback Shipdeck made, then the canary it undid.
  await detail.back().click();
  await board.cell('shop-api', 'prod').getByTestId('current-artifact').click();
  await expect(detail.heading()).toHaveText(`Release #${seeded.rollbackId}`);
  await page.getByTestId('linked-release').click();
  await expect(detail.heading()).toHaveText(`Release #${seeded.failedId}`);
  await expect(analysis.automaticRollback()).toContainText('Rolled back automatically');
  await expect(analysis.automaticRollback()).toContainText('error-rate');
  await expect(analysis.chartVerdict('error-rate')).toHaveText('Failed');
  await expect(analysis.step(1)).toHaveAttribute('data-verdict', 'pass');
  await expect(analysis.step(2)).toHaveAttribute('data-verdict', 'fail');
  await expect(analysis.step(2)).toContainText('error-rate failed');
  // Where the canary crossed the threshold in the failed step is shaded; the failed step is marked.
  await expect(analysis.chart('error-rate').locator('.recharts-reference-area')).not.toHaveCount(0);
  await expect(analysis.stepLabels('error-rate')).toHaveText(['5 % ✓', '25 % ✗']);
  await page.screenshot({ path: shot('canary-rolled-back') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: shot('canary-rolled-back-dark') });

  // Dark export too: the image carries the colours it shows.
  const [darkDownload] = await Promise.all([page.waitForEvent('download'), analysis.exportButton('error-rate').click()]);
  const darkFile = testInfo.outputPath('error-rate-dark.png');
  await darkDownload.saveAs(darkFile);
  pngSize(darkFile);
  fs.copyFileSync(darkFile, shot('canary-rolled-back-error-rate-export-dark'));

  await analysis.automaticRollback().getByTestId('open-automatic-rollback').click();
  await expect(detail.heading()).toHaveText(`Release #${seeded.rollbackId}`);
  expect(refused).toEqual([]);
});
