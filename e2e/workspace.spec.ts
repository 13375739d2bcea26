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
  const chips = page.getByRole('list', { name: 'Environments in promotion order' }).first();
  await expect(chips.getByRole('listitem')).toHaveText([/^staging/, /^dev/, /^prod/]);
  await page.reload();
  await workspace.open();
  await expect(chips.getByRole('listitem')).toHaveText([/^staging/, /^dev/, /^prod/]);
  await expect(workspace.auditLog()).toContainText('environments.set');
  await page.screenshot({ path: shot('workspace') });
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
