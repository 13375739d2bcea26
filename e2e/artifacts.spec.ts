import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedArtifacts } from './fixtures/artifacts-seed';
import { expect, startServer, test } from './fixtures/shipdeck';
import { RunsPage } from './pages/runs.page';
import { ArtifactsPage } from './pages/artifacts.page';

const shot = (name: string) => path.join('test-results', 'screenshots', `${name}.png`);

test('the Artifacts screen shows the recorded history offline: search, filter, detail, dry-run prune', async ({ page, shipdeck }) => {
  const seeded = await seedArtifacts(shipdeck.dataDir);
  await page.goto(shipdeck.url);
  const artifacts = new ArtifactsPage(page);
  await artifacts.open();

  // Every artifact of every service, newest first; the registry (127.0.0.1:1) does not answer.
  await expect(artifacts.count()).toHaveText('60 artifacts');
  await expect(artifacts.rows().first()).toContainText('Improve');
  await expect(artifacts.offlineIndicator()).toContainText(/Offline/);

  // Search by commit SHA prefix, by version, by message words.
  await artifacts.search().fill(seeded.commits[7]?.slice(0, 10) ?? '');
  await expect(artifacts.count()).toHaveText('2 artifacts');
  await artifacts.search().fill('v1.3');
  await expect(artifacts.count()).toHaveText('1 artifact');
  await expect(artifacts.rows().first()).toContainText('v1.3.0');
  await artifacts.search().fill('restyle login');
  await expect(artifacts.count()).toHaveText('3 artifacts');
  await artifacts.search().fill('');

  // Filter: one service, pruned only.
  await artifacts.serviceFilter().selectOption('api');
  await expect(artifacts.count()).toHaveText('40 artifacts');
  await artifacts.statusFilter().selectOption('pruned');
  await expect(artifacts.count()).toHaveText('2 artifacts');
  await expect(artifacts.rows().first()).toContainText('pruned');
  await artifacts.statusFilter().selectOption('all');
  await artifacts.sort().selectOption('version');
  await expect(artifacts.rows().first()).toContainText('v1.9.0');

  // Detail: provenance, where it runs, commits since the previous artifact (from git).
  await artifacts.sort().selectOption('newest');
  await artifacts.search().fill(seeded.commits[10]?.slice(0, 12) ?? '');
  await expect(artifacts.count()).toHaveText('1 artifact');
  await artifacts.rows().first().click();
  await expect(artifacts.detail().getByTestId('artifact-digest')).toHaveText(seeded.digests[10] ?? '');
  await expect(artifacts.detail().getByTestId('artifact-placements')).toContainText('prod');
  await expect(artifacts.detail().getByTestId('artifact-commits-since')).toContainText('1 commit');
  await expect(artifacts.detail().getByTestId('artifact-commits-since')).toContainText(seeded.commits[10]?.slice(0, 7) ?? '');
  await page.screenshot({ path: shot('artifacts-detail') });

  // Retention: the dry run lists what would go and why each kept one stays; prune is disabled offline.
  await artifacts.retentionTab().click();
  await artifacts.dryRunButton().click();
  // 38 live: the newest 10 stay, #11 is deployed to prod, so 27 would go.
  await expect(artifacts.wouldGo()).toHaveCount(27);
  await expect(artifacts.kept()).toHaveCount(11);
  await expect(artifacts.kept().filter({ hasText: 'deployed to prod' })).toHaveCount(1);
  await expect(artifacts.kept().filter({ hasText: 'among the newest 10' })).toHaveCount(10);
  await expect(artifacts.pruneButton()).toBeDisabled();
  await expect(artifacts.blockedReason()).toContainText('127.0.0.1:1');
  await page.screenshot({ path: shot('artifacts-retention') });
});

test('the Artifacts screen in light and dark', async ({ page, shipdeck }) => {
  await seedArtifacts(shipdeck.dataDir);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(shipdeck.url);
    const artifacts = new ArtifactsPage(page);
    await artifacts.open();
    await expect(artifacts.count()).toHaveText('60 artifacts');
    await artifacts.rows().nth(2).click();
    await expect(artifacts.detail()).toBeVisible();
    await expect(artifacts.detail().getByTestId('artifact-commits-since')).toContainText('commit');
    await page.screenshot({ path: shot(`artifacts-${scheme}`) });
  }
});

test('with neither Docker nor the registry answering, the whole history shows and prune says why it cannot run', async ({ page, shipdeck }) => {
  // A data folder of its own, served with DOCKER_HOST pointing at a socket nothing listens on.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-e2e-offline-'));
  await seedArtifacts(dataDir);
  const { server, process: child } = await startServer(dataDir, { DOCKER_HOST: `unix://${path.join(dataDir, 'no-docker.sock')}` });
  try {
    void shipdeck;
    await page.goto(server.url);
    const artifacts = new ArtifactsPage(page);
    await artifacts.open();
    await expect(artifacts.offlineIndicator()).toContainText(/^Offline/);
    await expect(artifacts.offlineIndicator()).toHaveAttribute('title', /Docker engine: offline/);
    await expect(artifacts.count()).toHaveText('60 artifacts');
    await artifacts.rows().first().click();
    await expect(artifacts.detail().getByTestId('artifact-commits-since')).toContainText('1 commit');
    await artifacts.retentionTab().click();
    await artifacts.dryRunButton().click();
    await expect(artifacts.wouldGo()).toHaveCount(27);
    await expect(artifacts.pruneButton()).toBeDisabled();
    await expect(artifacts.blockedReason()).toContainText('does not answer');
    await page.screenshot({ path: shot('artifacts-offline') });

    // Pipeline runs says so too, and says what a run can still do.
    const runs = new RunsPage(page);
    await runs.open();
    await expect(page.getByTestId('offline-indicator')).toContainText(/^Offline/);
    await expect(page.getByTestId('start-run')).toHaveAttribute('title', /Docker engine does not answer.*host stages run/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
