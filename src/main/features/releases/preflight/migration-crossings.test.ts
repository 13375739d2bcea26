import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitPort } from '../../../adapters/git/simple-git-adapter';
import { makeTempDir, removeDir, TempRepository } from '../../../adapters/git/testing/temp-repository';
import { crossedMigrations, parseMigrationsConfig } from './migration-crossings';

describe('crossedMigrations', () => {
  let root: string;
  let repo: TempRepository;

  beforeEach(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'repo'));
  });
  afterEach(() => removeDir(root));

  const crossings = (running: string, target: string, dir = repo.dir) => crossedMigrations(createGitPort().open(dir), running, target);

  it('finds the migrations added after the target, in the order they apply, and classifies each', async () => {
    repo.write('migrations/001_create_products.sql', '-- Create products\nCREATE TABLE products (id bigserial PRIMARY KEY);\n');
    const v1 = repo.commitAll('v1');
    repo.write('migrations/002_add_sku.sql', 'ALTER TABLE products ADD COLUMN sku text;\n');
    repo.write('migrations/010_rename_name.sql', 'ALTER TABLE products RENAME COLUMN name TO title;\n');
    repo.write('migrations/README.md', 'not a migration\n');
    repo.write('migrations/archive/003_old.sql', 'DROP TABLE old;\n');
    const v2 = repo.commitAll('v2');
    repo.write('migrations/011_drop_legacy.sql', 'DROP TABLE legacy;\n');
    const v3 = repo.commitAll('v3');

    const result = await crossings(v3, v1);
    expect(result.folder).toBe('migrations');
    expect(result.crossings.map((crossing) => [crossing.file, crossing.kind, crossing.backwardCompatible])).toEqual([
      ['migrations/002_add_sku.sql', 'additive', true],
      ['migrations/010_rename_name.sql', 'rename', false],
      ['migrations/011_drop_legacy.sql', 'drop', false]
    ]);
    expect((await crossings(v3, v2)).crossings.map((crossing) => crossing.file)).toEqual(['migrations/011_drop_legacy.sql']);
  });

  it('crosses nothing when the target is newer or the same commit', async () => {
    const v1 = repo.commitFile('migrations/001_a.sql', 'CREATE TABLE a (id int);\n', 'v1');
    const v2 = repo.commitFile('migrations/002_b.sql', 'DROP TABLE a;\n', 'v2');
    expect((await crossings(v1, v2)).crossings).toEqual([]);
    expect((await crossings(v2, v2)).crossings).toEqual([]);
  });

  it('reads the folder from .shipdeck/migrations.yml, as of the running commit', async () => {
    repo.write('.shipdeck/migrations.yml', 'path: db/schema\n');
    repo.write('db/schema/001_a.sql', 'CREATE TABLE a (id int);\n');
    const v1 = repo.commitAll('v1');
    repo.write('db/schema/002_b.sql', 'ALTER TABLE a ALTER COLUMN id TYPE bigint;\n');
    repo.write('migrations/002_decoy.sql', 'DROP TABLE a;\n');
    const v2 = repo.commitAll('v2');
    const result = await crossings(v2, v1);
    expect(result.folder).toBe('db/schema');
    expect(result.crossings).toMatchObject([{ file: 'db/schema/002_b.sql', kind: 'type-change', backwardCompatible: false }]);
  });

  it("works for a service in a subfolder of a larger repository", async () => {
    repo.write('services/api/migrations/001_a.sql', 'CREATE TABLE a (id int);\n');
    const v1 = repo.commitAll('v1');
    repo.write('services/api/migrations/002_b.sql', 'ALTER TABLE a RENAME TO b;\n');
    const v2 = repo.commitAll('v2');
    const result = await crossings(v2, v1, path.join(repo.dir, 'services/api'));
    expect(result.crossings).toMatchObject([{ file: 'migrations/002_b.sql', kind: 'rename' }]);
  });

  it('finds none in a repository that declares no migrations', async () => {
    const v1 = repo.commitFile('README.md', 'hello\n', 'v1');
    const v2 = repo.commitFile('README.md', 'hello again\n', 'v2');
    expect(await crossings(v2, v1)).toEqual({ folder: 'migrations', crossings: [] });
  });
});

describe('parseMigrationsConfig', () => {
  it('takes the path, or the default when none is given', () => {
    expect(parseMigrationsConfig('path: ./db/migrations/\n')).toBe('db/migrations');
    expect(parseMigrationsConfig('# nothing\n')).toBe('migrations');
  });

  it('refuses a path outside the repository and a file that is not YAML, naming the file', () => {
    expect(() => parseMigrationsConfig('path: ../elsewhere')).toThrow(/\.shipdeck\/migrations\.yml: "path" must be a folder inside the repository/);
    expect(() => parseMigrationsConfig('path: [unclosed')).toThrow(/\.shipdeck\/migrations\.yml is not valid YAML/);
  });
});
