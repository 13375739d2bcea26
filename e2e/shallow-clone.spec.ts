import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures/shipdeck';
import { git } from './fixtures/git';
import { HistoryPage } from './pages/history.page';

const root = path.join(__dirname, '..');
const shot = (name: string) => path.join('test-results', 'screenshots', `${name}.png`);

test('a shallow clone says where its history is cut, instead of showing a first commit that added everything', async ({
  page,
  shipdeck
}) => {
  const origin = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-e2e-origin-'));
  git(origin, 'init', '-q', '-b', 'main');
  for (let i = 1; i <= 8; i++) {
    fs.writeFileSync(path.join(origin, `file-${i}.txt`), `change ${i}\n`);
    git(origin, 'add', '.');
    git(origin, 'commit', '-q', '-m', `change ${i}`);
  }
  const clone = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-e2e-shallow-')), 'clone');
  execFileSync('git', ['clone', '-q', '--depth', '3', `file://${origin}`, clone]);
  const boundary = git(clone, 'rev-parse', 'HEAD~2');
  // Added from the command line while the app runs, as on-call engineers do.
  execFileSync(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), 'services', 'add', 'shallow', clone, '--data-dir', shipdeck.dataDir]);

  await page.goto(shipdeck.url);
  const history = new HistoryPage(page);
  await expect(history.commitRows()).toHaveCount(3);
  await expect(page.getByTestId('shallow-history-note')).toContainText(`stops at ${boundary.slice(0, 8)}`);

  await history.openCommit(history.commitRows().nth(2));
  await expect(page.getByTestId('shallow-commit-note')).toContainText('History truncated here');
  await expect(history.changedFiles()).toHaveCount(0);
  await page.screenshot({ path: shot('history-shallow-clone') });
});
