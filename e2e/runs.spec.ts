import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures/shipdeck';
import { git } from './fixtures/git';
import { RunsPage } from './pages/runs.page';

const root = path.join(__dirname, '..');
const shot = (name: string) => path.join('test-results', 'screenshots', `${name}.png`);

/** A repository whose pipeline has host stages only: a DAG, a slow stage that logs as it goes, colours. */
function pipelineRepository(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-e2e-runs-'));
  git(repo, 'init', '-q', '-b', 'main');
  fs.mkdirSync(path.join(repo, '.shipdeck'));
  fs.writeFileSync(
    path.join(repo, '.shipdeck', 'pipeline.yml'),
    `version: 1
stages:
  - name: test
    run: for i in $(seq 1 3000); do echo "test line $i"; done; printf '\\033[32mall green\\033[0m\\n'
  - name: lint
    run: 'echo "lint ok"; echo "warning: style" >&2'
  - name: package
    needs: [test, lint]
    run: for i in $(seq 1 40); do echo "packaging step $i"; sleep 0.1; done
  - name: publish
    needs: [package]
    run: 'echo "error: nothing to publish to" >&2; exit 2'
`
  );
  fs.writeFileSync(path.join(repo, 'README.md'), 'demo\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'pipeline');
  return repo;
}

test.describe('pipeline runs', () => {
  test('starts a run from the screen, watches the graph and the live log, searches it, and re-runs', async ({ page, shipdeck }) => {
    const repo = pipelineRepository();
    execFileSync(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), 'services', 'add', 'api', repo, '--data-dir', shipdeck.dataDir]);
    await page.goto(shipdeck.url);
    const runs = new RunsPage(page);
    await runs.open();
    await expect(page.getByText('No runs yet')).toBeVisible();

    await runs.start('main');
    await expect(runs.runRows()).toHaveCount(1);
    await expect(runs.runRows().first()).toContainText('#1');
    // The graph: test and lint side by side, then package, then publish.
    await expect(runs.stage('package')).toHaveAttribute('data-status', 'running', { timeout: 15_000 });
    await expect(runs.stage('test')).toHaveAttribute('data-status', 'succeeded');
    const testBox = await runs.stage('test').boundingBox();
    const lintBox = await runs.stage('lint').boundingBox();
    const packageBox = await runs.stage('package').boundingBox();
    expect(lintBox?.x).toBe(testBox?.x);
    expect(packageBox?.x ?? 0).toBeGreaterThan(testBox?.x ?? 0);

    // The running stage's log arrives live and the viewer follows its tail.
    await runs.selectStage('package');
    await expect(runs.logTotal()).toContainText('live');
    await expect(page.getByText('packaging step 12')).toBeVisible({ timeout: 10_000 });
    await page.screenshot({ path: shot('runs-live') });
    await expect(runs.stage('publish')).toHaveAttribute('data-status', 'failed', { timeout: 20_000 });
    await expect(runs.runRows().first().locator('[data-status]').first()).toHaveAttribute('data-status', 'failed');

    // A big finished log: virtualized (only the rows in view exist), searchable, colours as spans.
    await runs.selectStage('test');
    await expect(runs.logTotal()).toHaveText('3,003 lines');
    expect(await runs.logLines().count()).toBeLessThan(200);
    await runs.searchLog('test line 2500');
    await expect(runs.searchCount()).toHaveText('1 of 1');
    await expect(runs.logLine(2501)).toBeVisible();
    await expect(runs.logLine(2501)).toContainText('test line 2500');
    await runs.searchLog('LINE 299');
    await expect(runs.searchCount()).toHaveText('1 of 11');
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect(runs.searchCount()).toHaveText('2 of 11');
    await expect(runs.logLine(2991)).toBeVisible();
    await page.getByRole('button', { name: 'Previous match' }).click();
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect(runs.searchCount()).toHaveText('11 of 11');
    const green = runs.logLine(3002).locator('span', { hasText: 'all green' }).last();
    await runs.searchLog('all green');
    await expect(runs.searchCount()).toHaveText('1 of 2'); // the command line itself, then its output
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect(green).toBeVisible();
    await expect(green).toHaveCSS('color', 'rgb(63, 185, 80)');
    expect(await runs.logLine(3002).innerHTML()).not.toContain('\u001b');

    // Jump to the first error of the failed stage.
    await runs.selectStage('publish');
    await page.getByRole('button', { name: 'First error' }).click();
    await expect(runs.logLine(2)).toContainText('error: nothing to publish to');
    await expect(runs.logLine(2)).toHaveAttribute('data-current', 'true'); // not line 1, which only quotes the command
    await page.screenshot({ path: shot('runs-failed') });

    // Re-run from the failed stage: the stages that succeeded are reused.
    await page.getByTestId('rerun-failed').click();
    await expect(runs.runRows()).toHaveCount(2);
    await expect(runs.detail()).toContainText('re-run of #1');
    await expect(runs.stage('test')).toHaveAttribute('data-status', 'succeeded');
    await expect(runs.stage('test')).toHaveAttribute('title', 'reused from run #1');
  });

  test('cancels a running run', async ({ page, shipdeck }) => {
    const repo = pipelineRepository();
    execFileSync(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), 'services', 'add', 'api', repo, '--data-dir', shipdeck.dataDir]);
    await page.goto(shipdeck.url);
    const runs = new RunsPage(page);
    await runs.open();
    await runs.start();
    await expect(runs.stage('package')).toHaveAttribute('data-status', 'running', { timeout: 15_000 });
    await runs.cancel();
    await expect(runs.stage('package')).toHaveAttribute('data-status', 'cancelled', { timeout: 10_000 });
    await expect(runs.stage('publish')).toHaveAttribute('data-status', 'skipped');
    await expect(runs.runRows().first().locator('[data-status]').first()).toHaveAttribute('data-status', 'cancelled');
    await expect(page.getByTestId('rerun-all')).toBeVisible();
    await page.screenshot({ path: shot('runs-cancelled') });
  });

  test('says what is wrong with a ref that names nothing', async ({ page, shipdeck }) => {
    const repo = pipelineRepository();
    execFileSync(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), 'services', 'add', 'api', repo, '--data-dir', shipdeck.dataDir]);
    await page.goto(shipdeck.url);
    const runs = new RunsPage(page);
    await runs.open();
    await runs.start('no-such-branch');
    await expect(page.getByTestId('start-run-error')).toContainText('"no-such-branch" is not a branch, tag or commit');
  });

  test('watches a branch from the screen: a new commit on it starts a run, and off stops that', async ({ page, shipdeck }) => {
    const repo = pipelineRepository();
    // A quick pipeline: the point here is the trigger.
    fs.writeFileSync(path.join(repo, '.shipdeck', 'pipeline.yml'), 'version: 1\nstages:\n  - name: test\n    run: echo ok\n');
    git(repo, 'commit', '-q', '-am', 'quick pipeline');
    execFileSync(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), 'services', 'add', 'api', repo, '--data-dir', shipdeck.dataDir]);
    await page.goto(shipdeck.url);
    const runs = new RunsPage(page);
    await runs.open();
    await expect(page.getByTestId('branch-watch')).toHaveValue('');

    // Turning it on runs the branch's head once (it was never run).
    await page.getByTestId('branch-watch').selectOption('main');
    await expect(runs.runRows()).toHaveCount(1, { timeout: 20_000 });

    fs.writeFileSync(path.join(repo, 'README.md'), 'changed\n');
    git(repo, 'commit', '-q', '-am', 'a new commit on main');
    const head = git(repo, 'rev-parse', '--short=7', 'HEAD');
    await expect(runs.runRows()).toHaveCount(2, { timeout: 20_000 });
    await expect(runs.runRows().first()).toContainText(head);

    await page.getByTestId('branch-watch').selectOption('');
    await page.reload();
    await runs.open();
    await expect(page.getByTestId('branch-watch')).toHaveValue('');
  });
});
