import { expect, test } from './fixtures/shipdeck';

test('the app refuses a browser that comes without the launch token', async ({ page, shipdeck }) => {
  const response = await page.goto(shipdeck.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('launch token');
});

test('the API refuses calls without the token or from another origin', async ({ page, shipdeck }) => {
  const token = new URL(shipdeck.url).searchParams.get('token') as string;
  const call = (headers: Record<string, string>) =>
    page.request.post(`${shipdeck.origin}/api/call`, { headers, data: { name: 'services.list', input: {} } });
  expect((await call({})).status()).toBe(401);
  expect((await call({ 'x-shipdeck-token': 'guess' })).status()).toBe(401);
  expect((await call({ 'x-shipdeck-token': token, origin: 'http://evil.example' })).status()).toBe(403);
  const allowed = await call({ 'x-shipdeck-token': token, origin: shipdeck.origin });
  expect(await allowed.json()).toEqual({ ok: true, value: [] });
});

test('the token leaves the address bar once the page has it', async ({ page, shipdeck }) => {
  await page.goto(shipdeck.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Shipdeck' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  // A reload still works: the page kept the token for this tab.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome to Shipdeck' })).toBeVisible();
});
