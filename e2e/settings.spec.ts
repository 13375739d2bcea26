// The Settings screen over the demo workspace (no Docker needed: its status says offline when the engine is away).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures/shipdeck';
import { SettingsPage } from './pages/settings.page';

const root = path.join(__dirname, '..');
const shot = (name: string) => path.join('test-results', 'screenshots', `${name}.png`);
const cli = (dataDir: string, ...args: string[]) =>
  execFileSync(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), ...args, '--data-dir', dataDir], { encoding: 'utf8' });

test.describe('settings', () => {
  test.beforeEach(async ({ page, shipdeck }) => {
    cli(shipdeck.dataDir, 'demo');
    await page.goto(shipdeck.url);
    await new SettingsPage(page).open();
  });

  test('the Prometheus endpoint set here is kept across a reload, and can be cleared', async ({ page }) => {
    const settings = new SettingsPage(page);
    await expect(settings.prometheusInput()).toHaveValue('');
    await expect(settings.targetsFolder()).not.toBeEmpty();
    await settings.setPrometheus('http://127.0.0.1:9090');
    await expect(settings.prometheusStatus()).toContainText('Saved: analysis asks http://127.0.0.1:9090');

    await page.reload();
    await settings.open();
    await expect(settings.prometheusInput()).toHaveValue('http://127.0.0.1:9090');

    await settings.clearPrometheus();
    await expect(settings.prometheusStatus()).toContainText('Cleared');
    await expect(settings.prometheusInput()).toHaveValue('');
  });

  test("a bad URL shows the core's error next to the field and keeps what was typed", async ({ page }) => {
    const settings = new SettingsPage(page);
    await settings.setPrometheus('ftp://metrics.example');
    await expect(settings.prometheusInput()).toHaveAttribute('aria-invalid', 'true');
    await expect(settings.prometheusForm()).toContainText('the Prometheus URL must start with http:// or https://');
    await expect(settings.prometheusInput()).toHaveValue('ftp://metrics.example');
    await page.screenshot({ path: shot('settings-bad-url') });

    await settings.setPrometheus('not a url');
    await expect(settings.prometheusForm()).toContainText('must be a URL such as http://127.0.0.1:9090');
    await expect(settings.prometheusInput()).toHaveValue('not a url');
  });

  test('the demo service can be marked read-only and back; the core keeps it', async ({ page, shipdeck }) => {
    const settings = new SettingsPage(page);
    const toggle = settings.readOnlySwitch('shop-api');
    await expect(toggle).not.toBeChecked();
    await toggle.click();
    await expect(toggle).toBeChecked();
    await expect(settings.readOnlyState('shop-api')).toContainText('read-only');
    const services = JSON.parse(cli(shipdeck.dataDir, 'services', 'list', '--json')) as { name: string; readOnly: boolean }[];
    expect(services.find((s) => s.name === 'shop-api')?.readOnly).toBe(true);

    await page.reload();
    await settings.open();
    await expect(settings.readOnlySwitch('shop-api')).toBeChecked();
    await settings.readOnlySwitch('shop-api').click();
    await expect(settings.readOnlySwitch('shop-api')).not.toBeChecked();
  });

  test('Docker and the registries say whether they answer; screenshots in light and dark', async ({ page }) => {
    const settings = new SettingsPage(page);
    await expect(settings.dockerRow()).toContainText(/online|offline/);
    await expect(settings.systemStatus()).toBeVisible();
    await settings.setPrometheus('http://127.0.0.1:9090');
    await expect(settings.prometheusStatus()).toContainText('Saved');
    await page.screenshot({ path: shot('settings-light') });
    await settings.readOnlySwitch('shop-api').click();
    await expect(settings.readOnlySwitch('shop-api')).toBeChecked();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: shot('settings-dark') });
  });
});
