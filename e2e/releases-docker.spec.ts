// A real rollback from the Environments board: two versions of a tiny HTTP service deployed on the Docker
// engine behind Debian's nginx, then rolled back through the pre-flight in the UI. Needs Docker and nginx:
// skipped loudly without them on a developer's machine, a failure under CI=true.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openReleaseStore } from '../src/main/adapters/store/sqlite-release-store';
import { findNginxBinary } from '../src/main/adapters/router/nginx-router';
import { dockerAnswers, freePort } from '../src/main/testing/docker-fixtures';
import { removeServiceLeftovers } from '../src/main/testing/release-fixture';
import { buildVersionServerImage, removeVersionServerImage } from '../src/main/testing/version-server-image';
import { versionedRepository } from './fixtures/git';
import { expect, test } from './fixtures/shipdeck';
import { EnvironmentsPage } from './pages/environments.page';
import { ReleaseDetailPage } from './pages/release-detail.page';

const root = path.join(__dirname, '..');
const shot = (name: string) => path.join('test-results', 'screenshots', `${name}.png`);
const cli = (dataDir: string, ...args: string[]) =>
  execFileSync(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), ...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const served = async (port: number): Promise<string> => (await (await fetch(`http://127.0.0.1:${port}/`)).text()).trim();

test('Rollback from the board: the pre-flight passes, the old version serves again, the environment is held until released', async ({ page, shipdeck }, testInfo) => {
  test.setTimeout(180_000);
  const missing = !(await dockerAnswers()) ? 'a Docker engine (bash scripts/services/docker.sh start)' : findNginxBinary() === null ? "Debian's nginx (apt-get install nginx)" : null;
  if (missing) {
    if (process.env.CI === 'true') throw new Error(`${missing} is required in CI`);
    testInfo.skip(true, `SKIPPED: needs ${missing}`);
  }

  // Names unique to this run: the engine is shared with other tests.
  const service = `e2e-ui-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const repository = `shipdeck-e2e/${service}`;
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-e2e-release-repo-'));
  const references: string[] = [];
  try {
    const commits = versionedRepository(repo, ['1.0.0', '2.0.0']);
    cli(shipdeck.dataDir, 'services', 'add', service, repo);
    const digests: string[] = [];
    const store = openReleaseStore(shipdeck.dataDir, { dailyBackup: false });
    try {
      for (const [index, version] of ['1.0.0', '2.0.0'].entries()) {
        const image = await buildVersionServerImage(version, { repository });
        references.push(image.reference);
        await store.artifacts.recordArtifact({ service, imageRepository: repository, digest: image.imageId, commitSha: commits[index] ?? '', version, pipelineRunId: null, commitSubject: `Release ${version}` });
        digests.push(image.imageId);
      }
    } finally {
      store.close();
    }
    const port = await freePort();
    cli(shipdeck.dataDir, 'env', 'set', service, 'dev', '--port', String(port), '--instances', '1', '--strategy', 'blue-green', '--idle-hold', '60');
    for (const digest of digests) cli(shipdeck.dataDir, 'deploy', service, 'dev', '--artifact', digest);
    expect(await served(port)).toBe('2.0.0');

    // The desktop notification, recorded: the page's Notification stands in for the system's.
    await page.addInitScript(() => {
      const shown: string[] = [];
      Object.assign(window, { shownNotifications: shown });
      class RecordedNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        constructor(title: string) {
          shown.push(title);
        }
      }
      Object.assign(window, { Notification: RecordedNotification });
    });
    await page.goto(shipdeck.url);
    const board = new EnvironmentsPage(page);
    await board.open();
    const cell = board.cell(service, 'dev');
    await expect(cell.getByTestId('current-artifact')).toContainText('2.0.0');
    await expect(cell.getByTestId('health')).toHaveText('healthy');

    await board.openRollback(service, 'dev');
    const check = (id: string) => board.dialog().locator(`[data-testid="preflight-check"][data-check="${id}"]`);
    await expect(check('artifact')).toHaveAttribute('data-status', 'ok');
    await expect(check('target')).toHaveAttribute('data-status', 'ok');
    await expect(board.dialog().getByTestId('commits-taken-out')).toContainText('Release 2.0.0');
    await expect(board.dialog().getByTestId('candidate')).toHaveValue(digests[0] ?? '');
    await page.screenshot({ path: shot('rollback-preflight-docker') });

    await board.confirmRollback('2.0.0 breaks checkout');
    await expect(board.dialog().getByTestId('rollback-result')).toContainText('Rolled back', { timeout: 60_000 });
    expect(await served(port)).toBe('1.0.0');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications))
      .toEqual([`Rollback done: ${service} → dev`]);
    await page.screenshot({ path: shot('rollback-done-docker') });
    await board.dialog().getByTestId('close-rollback').click();

    // Held: the badge on the cell and an item in the inbox, until someone releases it.
    await expect(cell.getByTestId('current-artifact')).toContainText('1.0.0');
    await expect(cell.getByTestId('hold-badge')).toBeVisible();
    const held = board.inboxItem('held', service, 'dev');
    await expect(held).toBeVisible();

    await cell.getByTestId('current-artifact').click();
    const detail = new ReleaseDetailPage(page);
    await expect(page.getByTestId('release-reason')).toHaveText('2.0.0 breaks checkout');
    await expect(page.getByTestId('linked-release')).toBeVisible();
    await expect(detail.event('completed')).toHaveCount(1);
    await detail.back().click();

    await held.getByTestId('inbox-release-hold').click();
    await expect(held).toHaveCount(0);
    await expect(cell.getByTestId('hold-badge')).toHaveCount(0);
  } finally {
    removeServiceLeftovers(service, shipdeck.dataDir);
    for (const reference of references) await removeVersionServerImage(reference);
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
