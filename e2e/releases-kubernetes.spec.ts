// Kubernetes environments from the screens, against the in-repository Kubernetes API emulator (started in
// this test process; the server and the CLI read its kubeconfig from KUBECONFIG): configure the target with
// the board's form, see the workload, see drift when the image is changed by hand, pause and resume from the
// inbox, read the revisions and an Argo Rollout's failed AnalysisRun, and find the context in Settings;
// pick an environment's context in Settings and release a docker environment to a cluster from there.
import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { openReleaseStore } from '../src/main/adapters/store/sqlite-release-store';
import { startKubeEmulator, type KubeEmulator } from '../src/main/kube-emulator/emulator';
import { call } from '../src/main/kube-emulator/emulator-test-client';
import type { JsonObject } from '../src/main/kube-emulator/json';
import type { Service } from '../src/shared/domain/workspace';
import { chromiumPath } from './fixtures/chromium';
import { git, versionedRepository } from './fixtures/git';
import { expect, startServer, test } from './fixtures/shipdeck';
import { EnvironmentsPage } from './pages/environments.page';
import { SettingsPage } from './pages/settings.page';
import { WorkspacePage } from './pages/workspace.page';

const root = path.join(__dirname, '..');
const SHOTS = process.env.KUI_SHOTS ?? path.join('test-results', 'screenshots');
const REPOSITORY = 'registry.local/shop/api';
const digestOf = (fill: string) => `sha256:${fill.repeat(64).slice(0, 64)}`;
const DIGESTS = { '1.0.0': digestOf('a1'), '2.0.0': digestOf('b2') } as const;
const BY_HAND = digestOf('c3');

/** A light and a dark screenshot of what is on screen. */
async function shots(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: path.join(SHOTS, `${name}-light.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(SHOTS, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

async function create(emulator: KubeEmulator, collection: string, body: JsonObject): Promise<void> {
  const reply = await call(emulator.url, 'POST', collection, body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
}

const deployment = (name: string, image: string): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } } }
});

test('A kubernetes environment: configured on the board, watched live, paused and resumed from the inbox, revisions and analysis runs', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  if (!chromiumPath()) {
    const message = 'Chromium is not installed (apt-get install chromium): browser-mode end-to-end tests cannot run.';
    if (process.env.CI) throw new Error(message);
    testInfo.skip(true, message);
  }
  // The canary's analysis asks this for its error count: 7 errors fail it.
  const metrics = http.createServer((_request, response) => response.end(JSON.stringify({ errors: 7 })));
  await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
  const emulator = await startKubeEmulator({ podReadyDelayMs: 100, argoRollouts: true, namespaces: ['shop'] });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-e2e-kube-'));
  const dataDir = path.join(scratch, 'data');
  const repo = path.join(scratch, 'repo');
  const env = { KUBECONFIG: emulator.writeKubeconfig(path.join(scratch, 'kubeconfig'), { contextName: 'kube-emulator', namespace: 'shop' }), SHIPDECK_LIVE_DEMO: 'off' };
  // Never synchronous: the emulator answers from this very process.
  const cli = (...args: string[]) => promisify(execFile)(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), ...args, '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, ...env } });
  let server: ChildProcess | null = null;
  try {
    const ns = '/apis/apps/v1/namespaces/shop';
    await create(emulator, `${ns}/deployments`, deployment('api', `${REPOSITORY}:0.9`));
    const argo = '/apis/argoproj.io/v1alpha1/namespaces/shop';
    await create(emulator, `${argo}/analysistemplates`, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'errors' },
      spec: { args: [{ name: 'url' }], metrics: [{ name: 'errors', count: 1, successCondition: 'result < 1', provider: { web: { url: '{{args.url}}', jsonPath: '{$.errors}' } } }] }
    });
    await create(emulator, `${argo}/rollouts`, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'api-canary' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'api-canary' } },
        template: { metadata: { labels: { app: 'api-canary' } }, spec: { containers: [{ name: 'app', image: `${REPOSITORY}@${DIGESTS['1.0.0']}` }] } },
        strategy: {
          canary: { steps: [{ setWeight: 50 }, { analysis: { templates: [{ templateName: 'errors' }], args: [{ name: 'url', value: `http://127.0.0.1:${(metrics.address() as AddressInfo).port}/errors` }] } }] }
        }
      }
    });

    fs.mkdirSync(repo);
    const commits = versionedRepository(repo, ['1.0.0', '2.0.0']);
    const started = await startServer(dataDir, env);
    server = started.process;
    await cli('services', 'add', 'shop', repo, '--image', REPOSITORY);
    const store = openReleaseStore(dataDir, { dailyBackup: false });
    try {
      for (const [index, version] of (['1.0.0', '2.0.0'] as const).entries()) {
        await store.artifacts.recordArtifact({ service: 'shop', imageRepository: REPOSITORY, digest: DIGESTS[version], commitSha: commits[index] ?? '', version, pipelineRunId: null, commitSubject: `Release ${version}` });
      }
    } finally {
      store.close();
    }
    // The Rollout's environment, from the CLI (the board's form does the same for dev below).
    await cli('env', 'set', 'shop', 'canary', '--target', 'kubernetes', '--context', 'kube-emulator', '--namespace', 'shop', '--deployment', 'api-canary', '--rollout', 'api-canary');

    await page.goto(started.server.url);
    // dev becomes a kubernetes environment on the Workspace screen, as a person would make it one.
    const workspace = new WorkspacePage(page);
    await workspace.open();
    await page.getByRole('button', { name: 'Edit environments of shop' }).click();
    await page.getByRole('combobox', { name: 'Environment 1 target kind' }).selectOption('kubernetes');
    await page.getByRole('button', { name: 'Save environments' }).click();
    await expect(page.getByRole('button', { name: 'Save environments' })).toHaveCount(0);

    const board = new EnvironmentsPage(page);
    await board.open();
    const dev = board.cell('shop', 'dev');
    await expect(dev.getByTestId('kube-target')).toContainText('No Kubernetes target yet');
    // A name the core refuses: its message shows under the field, what was typed stays.
    await board.configureKubernetes(dev, { context: 'kube-emulator', namespace: 'shop', deployment: 'API' });
    const deploymentField = board.configureDialog().getByTestId('kube-deployment');
    await expect(deploymentField).toHaveAttribute('aria-invalid', 'true');
    await expect(board.configureDialog()).toContainText('deployment');
    await deploymentField.fill('api');
    await board.configureDialog().getByTestId('save-kube-target').click();
    await expect(board.configureDialog()).toHaveCount(0);
    await expect(dev.getByTestId('kube-target')).toContainText('kube-emulator · shop · deployment/api');
    await expect(board.workload(dev, 'deployment/api').getByTestId('kube-workload-state')).toHaveText('2/2 available');

    for (const version of ['1.0.0', '2.0.0'] as const) await cli('deploy', 'shop', 'dev', '--artifact', DIGESTS[version]);
    // Released by another process (the CLI): its records reach this window with the next read.
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(dev.getByTestId('current-artifact')).toContainText('2.0.0');
    await expect(dev.getByTestId('health')).toHaveText('healthy');
    await expect(dev.getByTestId('drift')).toHaveCount(0);

    // The revisions: ReplicaSets joined with the records; "Roll back to this" opens the pre-flight toward it.
    await dev.getByTestId('kube-revisions-open').click();
    const revisions = board.kubePanel().getByTestId('kube-revision');
    await expect(revisions).toHaveCount(3);
    await expect(revisions.first()).toHaveAttribute('data-current', 'true');
    await expect(revisions.first()).toContainText('2.0.0');
    await shots(page, 'kube-revisions');
    const older = revisions.filter({ hasText: '1.0.0' });
    await older.getByTestId('roll-back-to-revision').click();
    await expect(board.dialog()).toBeVisible();
    await expect(board.dialog().getByTestId('candidate')).toHaveValue(DIGESTS['1.0.0'], { timeout: 20_000 });
    await board.dialog().getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(board.dialog()).toHaveCount(0);

    // Changed by hand (kubectl set image): the watch's hint refetches the board — no reload, well before its 30 s poll.
    const patched = await call(emulator.url, 'PATCH', `${ns}/deployments/api`, { spec: { template: { spec: { containers: [{ name: 'app', image: `${REPOSITORY}@${BY_HAND}` }] } } } }, {
      'Content-Type': 'application/strategic-merge-patch+json'
    });
    expect(patched.status).toBe(200);
    await expect(dev.getByTestId('drift')).toContainText('changed outside Shipdeck', { timeout: 5_000 });

    // Pause from the cell: the inbox says so; Resume from the inbox.
    await dev.getByTestId('kube-pause').click();
    await expect(board.workload(dev, 'deployment/api').getByTestId('kube-workload-state')).toContainText('paused');
    const paused = board.inboxItem('paused-workload', 'shop', 'dev');
    await expect(paused).toBeVisible();
    await expect(board.inbox().getByRole('heading', { name: /Paused workloads/ })).toBeVisible();

    // The canary's Rollout gets a new image by hand: its analysis fails, the Rollout aborts, the inbox says degraded.
    const canary = board.cell('shop', 'canary');
    await expect(board.workload(canary, 'rollout/api-canary')).toBeVisible();
    const rolled = await call(emulator.url, 'PATCH', `${argo}/rollouts/api-canary`, { spec: { template: { spec: { containers: [{ name: 'app', image: `${REPOSITORY}@${DIGESTS['2.0.0']}` }] } } } }, {
      'Content-Type': 'application/merge-patch+json'
    });
    expect(rolled.status).toBe(200);
    await expect(board.inboxItem('degraded', 'shop', 'canary')).toBeVisible({ timeout: 15_000 });
    await expect(canary.getByTestId('health')).toHaveText('degraded');
    await shots(page, 'kube-board');

    await canary.getByTestId('kube-revisions-open').click();
    const run = board.kubePanel().getByTestId('analysis-run');
    await expect(run).toHaveCount(1);
    await expect(run).toHaveAttribute('data-phase', 'Failed');
    await expect(run.getByTestId('analysis-measurement')).toContainText('7');
    await expect(run.getByTestId('analysis-message')).toContainText('assessed Failed');
    await shots(page, 'kube-analysis-runs');
    await board.kubePanel().getByRole('button', { name: 'Close' }).click();

    await paused.getByTestId('inbox-resume').click();
    await expect(paused).toHaveCount(0);
    await expect(board.workload(dev, 'deployment/api').getByTestId('kube-workload-state')).not.toContainText('paused');

    // Settings: the emulator's context, current, and the shop namespace's watch.
    const settings = new SettingsPage(page);
    await settings.open();
    await expect(settings.kubeContext('kube-emulator')).toHaveAttribute('data-current', 'true');
    await expect(settings.kubeContext('kube-emulator')).toContainText(emulator.url);
    await expect(settings.kubeWatch('shop')).toHaveAttribute('data-state', 'live');
    await settings.kubernetes().scrollIntoViewIfNeeded();
    await shots(page, 'kube-settings');
  } finally {
    server?.kill('SIGTERM');
    if (server) await new Promise((resolve) => server?.once('exit', resolve));
    await emulator.stop();
    await new Promise<void>((resolve) => metrics.close(() => resolve()));
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

test('Settings picks each kubernetes environment its context, and releases a docker environment to a cluster', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  if (!chromiumPath()) {
    const message = 'Chromium is not installed (apt-get install chromium): browser-mode end-to-end tests cannot run.';
    if (process.env.CI) throw new Error(message);
    testInfo.skip(true, message);
  }
  const emulator = await startKubeEmulator({ podReadyDelayMs: 100, namespaces: ['shop'] });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-e2e-kube-settings-'));
  const dataDir = path.join(scratch, 'data');
  const repo = path.join(scratch, 'repo');
  // Two contexts, merged as kubectl merges KUBECONFIG's files (the first file's current context wins).
  const kubeconfig = [
    emulator.writeKubeconfig(path.join(scratch, 'emulator.kubeconfig'), { contextName: 'kube-emulator', namespace: 'shop' }),
    emulator.writeKubeconfig(path.join(scratch, 'staging.kubeconfig'), { contextName: 'staging-cluster', namespace: 'shop' })
  ].join(path.delimiter);
  const env = { KUBECONFIG: kubeconfig, SHIPDECK_LIVE_DEMO: 'off' };
  const cli = (...args: string[]) => promisify(execFile)(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), ...args, '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, ...env } });
  const contextOf = async (environment: string): Promise<string | null | undefined> => {
    const services = JSON.parse((await cli('services', 'list', '--json')).stdout) as Service[];
    return services.find((s) => s.name === 'shop')?.environments.find((e) => e.name === environment)?.settings.kubernetes?.context;
  };
  let server: ChildProcess | null = null;
  try {
    await create(emulator, '/apis/apps/v1/namespaces/shop/deployments', deployment('api', `${REPOSITORY}:0.9`));
    fs.mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(repo, 'VERSION'), '1.0.0\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Release 1.0.0');
    const started = await startServer(dataDir, env);
    server = started.process;
    await cli('services', 'add', 'shop', repo, '--image', REPOSITORY);
    await cli('env', 'set', 'shop', 'dev', '--target', 'kubernetes', '--context', 'kube-emulator', '--namespace', 'shop', '--deployment', 'api');
    // A context the kubeconfig no longer has (a cluster that was removed).
    await cli('env', 'set', 'shop', 'prod', '--target', 'kubernetes', '--context', 'old-cluster', '--namespace', 'shop', '--deployment', 'api');

    await page.goto(started.server.url);
    const settings = new SettingsPage(page);
    await settings.open();
    const dev = settings.kubeEnvironment('shop', 'dev');
    const devContext = settings.kubeEnvironmentContext('shop', 'dev');
    await expect(devContext).toHaveValue('kube-emulator');
    await expect(devContext.locator('option')).toHaveText(['(current context: kube-emulator)', 'kube-emulator', 'staging-cluster']);
    await expect(dev.getByTestId('kube-environment-workload')).toHaveText('deployment/api');
    const prod = settings.kubeEnvironment('shop', 'prod');
    await expect(settings.kubeEnvironmentContext('shop', 'prod')).toHaveValue('old-cluster');
    await expect(settings.kubeEnvironmentContext('shop', 'prod').locator('option:checked')).toHaveText('old-cluster — not in the kubeconfig');
    await expect(prod.getByTestId('kube-context-missing')).toBeVisible();
    await settings.kubernetes().scrollIntoViewIfNeeded();
    await shots(page, 'kube-settings-picker');

    // Picked: saved on change, the core keeps it.
    await devContext.selectOption('staging-cluster');
    await expect(dev.getByTestId('kube-context-state')).toHaveText('Saved');
    await expect(devContext).toHaveValue('staging-cluster');
    expect(await contextOf('dev')).toBe('staging-cluster');
    // "(current context)" is no context at all: it follows the kubeconfig's current-context.
    await settings.kubeEnvironmentContext('shop', 'prod').selectOption('');
    await expect(prod.getByTestId('kube-context-state')).toHaveText('Saved');
    await expect(prod.getByTestId('kube-context-missing')).toHaveCount(0);
    expect(await contextOf('prod')).toBeNull();

    // staging is a docker environment: released to a cluster through the Configure dialog.
    await expect(settings.kubeEnvironment('shop', 'staging')).toHaveCount(0);
    await settings.releaseToCluster('shop', 'staging');
    const dialog = page.getByTestId('kube-configure-dialog');
    await expect(dialog.getByRole('heading')).toHaveText('Kubernetes target of shop in staging');
    await dialog.getByLabel('Context').selectOption('staging-cluster');
    await dialog.getByTestId('kube-namespace').fill('shop');
    await dialog.getByTestId('kube-deployment').fill('api');
    await settings.kubernetes().scrollIntoViewIfNeeded();
    await shots(page, 'kube-settings-release-to-cluster');
    await dialog.getByTestId('save-kube-target').click();
    await expect(dialog).toHaveCount(0);
    await expect(settings.kubeEnvironmentContext('shop', 'staging')).toHaveValue('staging-cluster');
    await expect(settings.kubeEnvironment('shop', 'staging').getByTestId('kube-environment-workload')).toHaveText('deployment/api');
    await expect(settings.releaseToClusterForm().getByRole('combobox', { name: 'Environment' }).locator('option')).toHaveCount(0);
    // The watches follow the contexts picked: the shop namespace is watched through staging-cluster.
    await expect(settings.kubeWatch('shop').filter({ hasText: 'staging-cluster' })).toHaveAttribute('data-state', 'live');
    await settings.kubernetes().scrollIntoViewIfNeeded();
    await shots(page, 'kube-settings-environments');

    // The board says where each releases now.
    const board = new EnvironmentsPage(page);
    await board.open();
    await expect(board.cell('shop', 'dev').getByTestId('kube-target')).toContainText('staging-cluster · shop · deployment/api');
    await expect(board.cell('shop', 'staging').getByTestId('kube-target')).toContainText('staging-cluster · shop · deployment/api');
    await expect(board.cell('shop', 'prod').getByTestId('kube-target')).toContainText('current context · shop · deployment/api');
  } finally {
    server?.kill('SIGTERM');
    if (server) await new Promise((resolve) => server?.once('exit', resolve));
    await emulator.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
