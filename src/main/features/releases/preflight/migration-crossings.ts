/**
 * The migrations a rollback would cross: the `.sql` files of the service's migrations folder that the
 * running commit has and the rollback's target commit does not (they ran when the newer code arrived,
 * and stay applied after the code goes back). The folder is `migrations/`, or the `path:` given in
 * `.shipdeck/migrations.yml`, as of the running commit. See docs/migrations.md.
 */
import { parse } from 'yaml';
import type { MigrationCrossing } from '../../../../shared/domain/releases';
import { AppError } from '../../../../shared/result';
import type { GitRepository } from '../../../ports/git';
import { classifyMigration } from './classify-migration';

export const MIGRATIONS_CONFIG_FILE = '.shipdeck/migrations.yml';
export const DEFAULT_MIGRATIONS_FOLDER = 'migrations';

/** The folder `.shipdeck/migrations.yml` names (relative to the service's folder); throws INVALID_INPUT saying what is wrong. */
export function parseMigrationsConfig(text: string): string {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError('INVALID_INPUT', `${MIGRATIONS_CONFIG_FILE} is not valid YAML: ${why}`, 'Fix the file: it holds one line, e.g. "path: db/migrations".');
  }
  if (value === null || value === undefined) return DEFAULT_MIGRATIONS_FOLDER;
  const folder = typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)['path'] : undefined;
  if (folder === undefined) return DEFAULT_MIGRATIONS_FOLDER;
  const clean = typeof folder === 'string' ? folder.trim().replace(/^\.\/+/, '').replace(/\/+$/, '') : '';
  if (clean === '' || clean.startsWith('/') || clean.split('/').includes('..')) {
    throw new AppError(
      'INVALID_INPUT',
      `${MIGRATIONS_CONFIG_FILE}: "path" must be a folder inside the repository, e.g. "db/migrations".`,
      'Give the path relative to the service folder, without "..".'
    );
  }
  return clean;
}

/** The migrations folder declared at a commit. */
export async function migrationsFolder(repository: GitRepository, commit: string, signal?: AbortSignal): Promise<string> {
  const config = await repository.readFile(commit, MIGRATIONS_CONFIG_FILE, signal);
  return config === null ? DEFAULT_MIGRATIONS_FOLDER : parseMigrationsConfig(config);
}

/** The folder's migrations: `.sql` files directly in it, in file-name order (the order they are applied in). */
async function migrationFiles(repository: GitRepository, commit: string, folder: string, signal?: AbortSignal): Promise<string[]> {
  const files = await repository.listFiles(commit, folder, signal);
  return files.filter((file) => file.slice(folder.length + 1).indexOf('/') < 0 && file.toLowerCase().endsWith('.sql')).sort();
}

export interface CrossedMigrations {
  readonly folder: string;
  /** In the order they were applied (file-name order). */
  readonly crossings: readonly MigrationCrossing[];
}

/** The migrations added between `targetCommit` (where the rollback goes) and `runningCommit` (what runs now), classified. */
export async function crossedMigrations(repository: GitRepository, runningCommit: string, targetCommit: string, signal?: AbortSignal): Promise<CrossedMigrations> {
  const folder = await migrationsFolder(repository, runningCommit, signal);
  const [running, target] = await Promise.all([
    migrationFiles(repository, runningCommit, folder, signal),
    migrationFiles(repository, targetCommit, folder, signal)
  ]);
  const atTarget = new Set(target);
  const crossed = running.filter((file) => !atTarget.has(file));
  const crossings = await Promise.all(
    crossed.map(async (file) => classifyMigration(file, (await repository.readFile(runningCommit, file, signal)) ?? ''))
  );
  return { folder, crossings };
}
