import path from 'node:path';
import { expect, test } from './fixtures/shipdeck';
import { git } from './fixtures/git';
import { HistoryPage } from './pages/history.page';
import { WelcomePage } from './pages/welcome.page';

const demoRepo = (dataDir: string) => path.join(dataDir, 'demo', 'shop-api');
const shot = (name: string) => path.join('test-results', 'screenshots', `${name}.png`);

test.describe('service history', () => {
  test.beforeEach(async ({ page, shipdeck }) => {
    await page.goto(shipdeck.url);
    const welcome = new WelcomePage(page);
    await expect(welcome.heading()).toBeVisible();
    await welcome.openDemo();
  });

  test('a newcomer opens the demo and reads the history, newest first', async ({ page, shipdeck }) => {
    const history = new HistoryPage(page);
    await expect(history.commitRows().first()).toBeVisible();
    const newest = git(demoRepo(shipdeck.dataDir), 'log', '-3', '--format=%H%x09%s').split('\n');
    for (const [index, line] of newest.entries()) {
      const [sha, subject] = line.split('\t') as [string, string];
      const row = history.commitRows().nth(index);
      await expect(row).toHaveAttribute('data-sha', sha);
      await expect(row).toContainText(subject.slice(0, 40));
    }
    await expect(page.getByTestId('merge-badge').first()).toBeVisible();
    await page.screenshot({ path: shot('history') });

    // The detail of a commit shows its message and the files it changed, as git does.
    const second = history.commitRows().nth(1);
    const sha = (await second.getAttribute('data-sha')) as string;
    await history.openCommit(second);
    await expect(page.getByTestId('detail-sha')).toContainText(sha.slice(0, 8));
    // Against the first parent, as the detail shows a merge too.
    const files = git(demoRepo(shipdeck.dataDir), 'diff', '--name-only', '-M', `${sha}^`, sha).split('\n');
    await expect(history.changedFiles()).toHaveCount(files.length);
    await expect(history.changedFiles().first()).toContainText(files[0] as string);
    await page.screenshot({ path: shot('history-detail') });
  });

  test('searches commits by message, author and SHA prefix', async ({ page, shipdeck }) => {
    const history = new HistoryPage(page);
    await expect(history.commitRows().first()).toBeVisible();

    await history.searchMessages('checkout');
    const expected = git(demoRepo(shipdeck.dataDir), 'log', '-i', '-F', '--grep=checkout', '--format=%H').split('\n');
    await expect(history.commitRows().first()).toHaveAttribute('data-sha', expected[0] as string);
    const shown = await history.commitRows().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-sha')));
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.every((sha) => expected.includes(sha as string))).toBe(true);
    await page.screenshot({ path: shot('history-search') });

    await history.messageSearch().fill('');
    await history.authorFilter().fill('zoë');
    await expect(history.commitRows().first()).toContainText('Zoë Müller');
    const authors = await history.commitRows().evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
    expect(authors.every((text) => text.includes('Zoë Müller'))).toBe(true);

    await history.authorFilter().fill('');
    const target = git(demoRepo(shipdeck.dataDir), 'rev-parse', 'v1.3.0^{commit}');
    await history.shaFilter().fill(target.slice(0, 7));
    await expect(history.commitRows()).toHaveCount(1);
    await expect(history.commitRows().first()).toHaveAttribute('data-sha', target);
  });

  test('picks two tags and sees exactly the commits between them, merges marked', async ({ page, shipdeck }) => {
    const history = new HistoryPage(page);
    await history.openCompare();
    await history.compare('v1.2.0', 'v1.4.0');
    const repo = demoRepo(shipdeck.dataDir);
    const inRange = git(repo, 'rev-list', 'v1.2.0..v1.4.0').split('\n');
    const merges = new Set(git(repo, 'rev-list', '--merges', 'v1.2.0..v1.4.0').split('\n'));
    const count = inRange.length;
    expect(merges.size).toBeGreaterThan(0);
    await expect(history.compareSummary()).toContainText(`${count} commits between v1.2.0 and v1.4.0`);
    await expect(history.compareRows().first()).toHaveAttribute('data-sha', inRange[0] as string);
    // Every row on screen is marked as a merge exactly when git says it is one.
    const rendered = await history.compareRows().evaluateAll((rows) =>
      rows.map((row) => ({ sha: row.getAttribute('data-sha'), merge: row.querySelector('[data-testid="merge-badge"]') !== null }))
    );
    expect(rendered.length).toBeGreaterThan(10);
    for (const row of rendered) expect(row.merge, `row ${row.sha}`).toBe(merges.has(row.sha as string));
    // The list is virtualized: the oldest commit of the range is at its end.
    await history.compareRows().first().click();
    await page.keyboard.press('End');
    await expect(history.compareRows().last()).toHaveAttribute('data-sha', inRange[count - 1] as string);
    await page.screenshot({ path: shot('compare') });

    // Picked the wrong way round: nothing in between, and Shipdeck offers to swap.
    await history.compare('v1.4.0', 'v1.2.0');
    await expect(history.compareSummary()).toContainText('No commits between v1.4.0 and v1.2.0');
    await expect(page.getByText(/did you mean to swap/i)).toBeVisible();
    await page.getByRole('button', { name: 'Swap', exact: true }).click();
    await expect(history.compareSummary()).toContainText(`${count} commits between v1.2.0 and v1.4.0`);
  });

  test('a repository that disappears shows its error in the history pane; the rest stays usable', async ({ page, shipdeck }) => {
    const history = new HistoryPage(page);
    await expect(history.commitRows().first()).toBeVisible();
    const fs = await import('node:fs');
    fs.renameSync(demoRepo(shipdeck.dataDir), `${demoRepo(shipdeck.dataDir)}-moved`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const alert = page.getByRole('alert').first();
    await expect(alert).toContainText('does not exist');
    await page.screenshot({ path: shot('history-repo-gone') });
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspace', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Workspace', exact: true })).toBeVisible();
    fs.renameSync(`${demoRepo(shipdeck.dataDir)}-moved`, demoRepo(shipdeck.dataDir));
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History', exact: true }).click();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(history.commitRows().first()).toBeVisible();
  });
});
