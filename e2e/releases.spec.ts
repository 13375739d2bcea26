// The release screens over the demo's recorded history: no Docker needed (what a deploy does is recorded,
// and a deploy whose image is not there fails with the reason). Real deploys: releases-docker.spec.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures/shipdeck';
import { ArtifactsPage } from './pages/artifacts.page';
import { EnvironmentsPage } from './pages/environments.page';
import { ReleaseDetailPage } from './pages/release-detail.page';
import { RollbackConsolePage } from './pages/rollback-console.page';

const root = path.join(__dirname, '..');
const shot = (name: string) => path.join('test-results', 'screenshots', `${name}.png`);
const cliArgs = (dataDir: string, args: readonly string[]) => [path.join(root, 'out', 'main', 'cli.js'), ...args, '--data-dir', dataDir];
const cli = (dataDir: string, ...args: string[]) => execFileSync(process.execPath, cliArgs(dataDir, args), { encoding: 'utf8' });

interface StatusLine {
  readonly environment: string;
  readonly digest: string | null;
  readonly version: string | null;
}

test.describe('environments and releases (recorded history)', () => {
  test.beforeEach(async ({ page, shipdeck }) => {
    cli(shipdeck.dataDir, 'demo');
    await page.goto(shipdeck.url);
    await new EnvironmentsPage(page).open();
  });

  test("the board shows the demo's environments in promotion order, with what runs in each", async ({ page, shipdeck }) => {
    const board = new EnvironmentsPage(page);
    await expect(board.columns()).toHaveText([/dev/, /staging/, /prod/, /k8s-emulator/]);
    const status = JSON.parse(cli(shipdeck.dataDir, 'status', '--json')) as { environments: StatusLine[] };
    const staging = status.environments.find((e) => e.environment === 'staging');
    expect(staging?.version).toBeTruthy();
    await expect(board.cell('shop-api', 'staging').getByTestId('current-artifact')).toContainText(staging?.version ?? '');
    // prod asks for an approval; every cell says how healthy it is (a word, not only a colour).
    await expect(board.cell('shop-api', 'prod')).toContainText('approval');
    for (const env of ['dev', 'staging', 'prod']) await expect(board.cell('shop-api', env).getByTestId('health')).toHaveText(/healthy|degraded|down|unknown/);
    await page.screenshot({ path: shot('environments-board') });
  });

  test('Promote (dev → staging) records a release, says how it went, and opens it', async ({ page }) => {
    const board = new EnvironmentsPage(page);
    const staging = board.cell('shop-api', 'staging');
    await expect(staging.getByTestId('promote')).toBeEnabled();
    await staging.getByTestId('promote').click();
    await expect(staging.getByTestId('promote-confirm')).toContainText('from dev to staging');
    await staging.getByTestId('confirm-promote').click();

    const started = staging.getByTestId('started-release');
    await expect(started).toContainText(/promotion #\d+/);
    // Recorded, and followed where it was started (without the demo's images the deploy fails, saying why).
    await expect(started).toHaveAttribute('data-status', /in-progress|failed|succeeded/);
    await started.getByTestId('open-started-release').click();
    const detail = new ReleaseDetailPage(page);
    await expect(detail.heading()).toBeVisible();
    await expect(detail.detail()).toContainText('promotion');
    await expect(detail.event('started')).toHaveCount(1);
  });

  test('a release to prod waits in the inbox; approving it from the keyboard starts it', async ({ page, shipdeck }) => {
    const board = new EnvironmentsPage(page);
    const artifacts = JSON.parse(cli(shipdeck.dataDir, 'artifacts', 'shop-api', '--json')) as { digest: string; version: string | null; pruned: boolean }[];
    const status = JSON.parse(cli(shipdeck.dataDir, 'status', '--json')) as { environments: StatusLine[] };
    const inProd = status.environments.find((e) => e.environment === 'prod')?.digest;
    const candidate = artifacts.find((a) => a.version !== null && !a.pruned && a.digest !== inProd);
    expect(candidate).toBeDefined();
    // Started from a terminal (exit 3: it waits for approval); the board reads it on its next refresh
    // (every 30 s, or at once with Refresh).
    const deploy = spawnSync(process.execPath, cliArgs(shipdeck.dataDir, ['deploy', 'shop-api', 'prod', '--artifact', candidate?.digest ?? '']), { encoding: 'utf8' });
    expect(deploy.status).toBe(3);
    const id = Number(/release #(\d+)/.exec(deploy.stdout)?.[1]);

    await page.getByRole('button', { name: 'Refresh' }).click();
    const item = board.inboxItem('pending-approval', 'shop-api', 'prod');
    await expect(item).toBeVisible();
    await expect(board.activeRelease(board.cell('shop-api', 'prod'))).toContainText('waiting for approval');
    await expect(item.getByTestId('inbox-approve')).toBeVisible();
    await page.screenshot({ path: shot('environments-inbox-approval') });

    await item.focus();
    await page.keyboard.press('a');
    await expect(item).toHaveCount(0);
    await expect(board.cell('shop-api', 'prod')).not.toContainText('waiting for approval');
    // Where the item was, the release it started: moving, or failed (its image was never built here).
    const started = board.inbox().getByTestId('started-release');
    await expect(started).toContainText(`#${id}`);
    await expect(started).not.toHaveAttribute('data-status', 'pending-approval');
    await started.getByTestId('open-started-release').click();
    const detail = new ReleaseDetailPage(page);
    await expect(detail.heading()).toHaveText(`Release #${id}`);
    await expect(detail.approvals()).toContainText('approved');
    await expect(detail.event('approved')).toHaveCount(1);
  });

  test('Rollback opens the pre-flight: each check with its detail, and what blocks it', async ({ page }) => {
    const board = new EnvironmentsPage(page);
    await board.openRollback('shop-api', 'prod');
    await expect(board.checks().first()).toBeVisible();
    expect(await board.checks().count()).toBeGreaterThanOrEqual(4);
    // The demo's images exist in no engine or registry here: the artifact check blocks, and says so.
    const artifact = board.dialog().locator('[data-testid="preflight-check"][data-check="artifact"]');
    await expect(artifact).toHaveAttribute('data-status', 'blocked');
    await expect(board.dialog().getByTestId('confirm-rollback')).toBeDisabled();
    await expect(board.dialog()).toContainText('Blocked:');
    await expect(board.dialog().getByTestId('commits-taken-out')).toBeVisible();
    await page.screenshot({ path: shot('environments-rollback-preflight') });
    await page.keyboard.press('Escape');
    await expect(board.dialog()).toHaveCount(0);
  });

  test("a release's detail shows its timeline; its artifact's timeline shows where it went", async ({ page }) => {
    const board = new EnvironmentsPage(page);
    await board.cell('shop-api', 'staging').getByTestId('current-artifact').click();
    const detail = new ReleaseDetailPage(page);
    await expect(detail.heading()).toBeVisible();
    await expect(page.getByTestId('release-timeline')).toBeVisible();
    await expect(detail.event('started')).toHaveCount(1);
    await expect(detail.event('completed')).toHaveCount(1);
    await page.screenshot({ path: shot('release-detail') });

    await page.getByTestId('release-artifact').click();
    await expect(page.getByRole('heading', { name: 'Artifact timeline' })).toBeVisible();
    await expect(page.locator('[data-testid="timeline-entry"][data-environment="staging"]').first()).toBeVisible();
    await expect(page.getByTestId('runs-now-in')).toContainText('staging');
    await page.getByTestId('back').click();
    await expect(board.heading()).toBeVisible();
  });

  test("an artifact's timeline opens from the Artifacts screen", async ({ page, shipdeck }) => {
    const status = JSON.parse(cli(shipdeck.dataDir, 'status', '--json')) as { environments: StatusLine[] };
    const staging = status.environments.find((e) => e.environment === 'staging');
    const artifacts = new ArtifactsPage(page);
    await artifacts.open();
    await artifacts.search().fill(staging?.version ?? '');
    await artifacts.rows().filter({ hasText: staging?.version ?? '' }).first().click();
    await page.getByTestId('open-artifact-timeline').click();
    await expect(page.getByRole('heading', { name: 'Artifact timeline' })).toBeVisible();
    await expect(page.getByTestId('runs-now-in')).toContainText('staging');
    await page.getByTestId('back').click();
    await expect(page.getByRole('heading', { name: 'Artifacts', exact: true })).toBeVisible();
  });

  test('the rollback console is driven from the keyboard', async ({ page }) => {
    const consolePage = new RollbackConsolePage(page);
    await consolePage.open();
    await expect(consolePage.rows()).toHaveCount(4);
    await expect(consolePage.list()).toBeFocused();
    await expect(consolePage.selected()).toHaveAttribute('data-environment', 'dev');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(consolePage.selected()).toHaveAttribute('data-environment', 'prod');
    await expect(consolePage.row('shop-api', 'prod').getByTestId('last-known-good')).not.toContainText('none recorded');
    await page.keyboard.press('Enter');
    await expect(consolePage.dialog().getByTestId('preflight')).toBeVisible({ timeout: 20_000 });
    await expect(consolePage.dialog()).toContainText('Roll back shop-api in prod');
    await page.keyboard.press('Escape');
    await expect(consolePage.dialog()).toHaveCount(0);
    await expect(consolePage.list()).toBeFocused();
    await page.screenshot({ path: shot('rollback-console') });
  });
});
