import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures/shipdeck';
import { git } from './fixtures/git';
import { WelcomePage } from './pages/welcome.page';
import { WorkspacePage } from './pages/workspace.page';

const shot = (name: string) => path.join('test-results', 'screenshots', `${name}.png`);

test('adding a service with a bad path says what is wrong and keeps what was typed', async ({ page, shipdeck }) => {
  await page.goto(shipdeck.url);
  await new WelcomePage(page).addServiceButton().click();
  const workspace = new WorkspacePage(page);

  await workspace.addService('payments', '/no/such/folder');
  await expect(workspace.addForm().getByRole('alert')).toContainText('/no/such/folder');
  await expect(workspace.addForm().getByRole('alert')).toContainText('does not exist');
  await expect(workspace.nameInput()).toHaveValue('payments');
  await expect(workspace.pathInput()).toHaveValue('/no/such/folder');
  await page.screenshot({ path: shot('workspace-bad-path') });

  const plainFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-e2e-plain-'));
  await workspace.pathInput().fill(plainFolder);
  await workspace.addButton().click();
  await expect(workspace.addForm().getByRole('alert')).toContainText('not a git repository');

  const emptyRepo = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-e2e-empty-'));
  git(emptyRepo, 'init', '-q');
  await workspace.pathInput().fill(emptyRepo);
  await workspace.addButton().click();
  await expect(workspace.addForm().getByRole('alert')).toContainText(/no commits/i);

  // Fixed: a real repository with a commit is added, shown, and audited.
  git(emptyRepo, 'commit', '-q', '--allow-empty', '-m', 'first');
  await workspace.addButton().click();
  await expect(page.getByRole('list', { name: 'Services' }).getByRole('button', { name: 'payments', exact: true })).toBeVisible();
  await expect(workspace.auditLog()).toContainText('service:payments');
  fs.rmSync(plainFolder, { recursive: true, force: true });
  fs.rmSync(emptyRepo, { recursive: true, force: true });
});

test('reorders environments and requires approval, and it is still so after a reload', async ({ page, shipdeck }) => {
  await page.goto(shipdeck.url);
  await new WelcomePage(page).openDemo();
  const workspace = new WorkspacePage(page);
  await workspace.open();
  await page.getByRole('button', { name: 'Edit environments of shop-api' }).click();
  await page.getByRole('button', { name: 'Move environment 2 up' }).click();
  await page.getByRole('checkbox', { name: 'Environment 1 requires approval' }).check();
  await page.getByRole('button', { name: 'Save environments' }).click();
  const chips = workspace.environmentChips('shop-api');
  await expect(chips.getByRole('listitem')).toHaveText([/^staging/, /^dev/, /^prod/, /^k8s-emulator/]);
  await expect(chips.getByRole('listitem').first()).toContainText('requires approval');
  await page.reload();
  await workspace.open();
  // Read back from the store after the reload: the order and the approval on staging (now first).
  await expect(chips.getByRole('listitem')).toHaveText([/^staging/, /^dev/, /^prod/, /^k8s-emulator/]);
  await expect(chips.getByRole('listitem').first()).toContainText('requires approval');
  await expect(chips.getByRole('listitem').first().getByTitle('Requires manual approval before a deploy')).toBeVisible();
  await expect(workspace.auditLog()).toContainText('environments.set');
  await page.screenshot({ path: shot('workspace') });
});

test('removes a service after asking, says what is kept, and audits it', async ({ page, shipdeck }) => {
  await page.goto(shipdeck.url);
  await new WelcomePage(page).openDemo();
  const workspace = new WorkspacePage(page);
  await workspace.open();
  await expect(workspace.card('shop-api')).toBeVisible();

  const confirmation = await workspace.askToRemove('shop-api');
  await expect(confirmation).toContainText('release records and audit entries are kept');
  await page.screenshot({ path: shot('workspace-remove-confirm') });
  // Cancel leaves everything as it was.
  await confirmation.getByRole('button', { name: 'Cancel' }).click();
  await expect(workspace.card('shop-api')).toBeVisible();

  await workspace.askToRemove('shop-api');
  await workspace.confirmRemove('shop-api');
  await expect(workspace.card('shop-api')).toHaveCount(0);
  await expect(workspace.sidebarServices().getByRole('button', { name: 'shop-api', exact: true })).toHaveCount(0);
  const removal = workspace.auditLog().getByRole('row').filter({ hasText: 'service.remove' });
  await expect(removal).toContainText('service:shop-api');
  // The History screen has no service left to show: the welcome panel stands in.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History', exact: true }).click();
  await expect(new WelcomePage(page).heading()).toBeVisible();
});

test('re-points a service: a bad path is refused inline with the input kept; a good one updates the card', async ({ page, shipdeck }) => {
  await page.goto(shipdeck.url);
  await new WelcomePage(page).openDemo();
  const workspace = new WorkspacePage(page);
  await workspace.open();
  const original = path.join(shipdeck.dataDir, 'demo', 'shop-api');
  await expect(workspace.repoPathOf('shop-api')).toHaveText(original);

  await workspace.changePath('shop-api', '/no/such/folder');
  await expect(workspace.newPathInput('shop-api')).toHaveAttribute('aria-invalid', 'true');
  await expect(workspace.card('shop-api')).toContainText('does not exist');
  await expect(workspace.newPathInput('shop-api')).toHaveValue('/no/such/folder');
  await expect(workspace.repoPathOf('shop-api')).toHaveText(original);
  await page.screenshot({ path: shot('workspace-set-path-error') });

  // The repository moved: point the service at its new place.
  const moved = `${original}-moved`;
  fs.renameSync(original, moved);
  await workspace.changePath('shop-api', moved);
  await expect(workspace.repoPathOf('shop-api')).toHaveText(moved);
  await expect(workspace.newPathInput('shop-api')).toHaveCount(0);
  await expect(workspace.auditLog()).toContainText('service.set-path');

  // History reads from the new place.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByTestId('repo-path')).toHaveText(moved);
  await expect(page.getByRole('listbox', { name: 'Commits', exact: true }).getByTestId('commit-row').first()).toBeVisible();
});

test('follows the light or dark theme of the system', async ({ page, shipdeck }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const luminance = (rgb: string) => {
    const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(shipdeck.url);
  await expect(new WelcomePage(page).heading()).toBeVisible();
  expect(luminance(await background())).toBeGreaterThan(200);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(luminance(await background())).toBeLessThan(60);
  await page.screenshot({ path: shot('welcome-dark') });
});
