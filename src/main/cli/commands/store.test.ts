// backup, restore and a broken store, as an on-call engineer meets them: real processes, real files.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, TempRepository } from '../../adapters/git/testing/temp-repository';
import { MIGRATIONS } from '../../adapters/store/migrations';

/** A schema number no migration has yet: what a newer Shipdeck would have written. */
const FUTURE = MIGRATIONS.length + 1;

const entry = path.join(__dirname, '..', 'index.ts');
let dataDir: string;
let repoDir: string;
const storeFile = () => path.join(dataDir, 'shipdeck.db');

function shipdeck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const oneLine = (text: string) => expect(text.trim().split('\n')).toHaveLength(1);

beforeAll(() => {
  dataDir = makeTempDir('shipdeck-cli-store-');
  repoDir = makeTempDir('shipdeck-cli-store-repo-');
  TempRepository.init(repoDir).commitFile('README.md', 'hello\n', 'docs: start');
});
afterAll(() => {
  removeDir(dataDir);
  removeDir(repoDir);
});

describe('shipdeck backup / restore and a broken store', () => {
  let backup: string;

  it('backup prints the file it made', () => {
    expect(shipdeck('services', 'add', 'api', repoDir).code).toBe(0);
    const result = shipdeck('backup');
    expect(result.code).toBe(0);
    backup = result.stdout.trim();
    expect(backup).toMatch(new RegExp(`^${path.join(dataDir, 'backups')}/shipdeck-.*-schema${MIGRATIONS.length}\\.db$`));
    expect(fs.existsSync(backup)).toBe(true);
  });

  it('a store that is not a database: exit 1, one line with the file, the problem and the restore command', () => {
    fs.writeFileSync(storeFile(), 'garbage '.repeat(500));
    for (const suffix of ['-wal', '-shm']) fs.rmSync(storeFile() + suffix, { force: true });
    const result = shipdeck('services', 'list');
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain(storeFile());
    expect(result.stderr).toMatch(/not a database/);
    expect(result.stderr).toContain(`shipdeck restore ${backup}`);
  });

  it('serve says the same and exits 1', () => {
    const result = shipdeck('serve');
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/not a database.*shipdeck restore/);
  });

  it('restore puts the backup back, keeping the broken store aside', () => {
    const result = shipdeck('restore', backup);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Restored ${storeFile()} from ${backup}`);
    expect(result.stdout).toMatch(/kept in .*-unreadable\.db/);
    const listed = shipdeck('services', 'list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((s) => s.name)).toEqual(['api']);
  });

  it('restore refuses while `shipdeck serve` has the store open', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', entry, 'serve', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Shipdeck at')) resolve();
        });
        server.once('exit', (code) => reject(new Error(`serve exited ${String(code)}`)));
      });
      const result = shipdeck('restore', backup);
      expect(result.code).toBe(1);
      oneLine(result.stderr);
      expect(result.stderr).toMatch(/Another Shipdeck process has the release store .* open.*Close Shipdeck/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  });

  it('a store from a newer Shipdeck: exit 1, says to update', () => {
    const db = new Database(storeFile());
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 't')").run(FUTURE);
    db.close();
    const result = shipdeck('services', 'list');
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(new RegExp(`written by a newer Shipdeck \\(schema ${FUTURE}.*Update Shipdeck`));
  });
});
