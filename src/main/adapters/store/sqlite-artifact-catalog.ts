import type Database from 'better-sqlite3';
import {
  artifactTags,
  searchTerms,
  type ArtifactPage,
  type ArtifactQuery,
  type ArtifactRow
} from '../../../shared/domain/artifact-catalog';
import { DEFAULT_RETENTION, type StoredRetentionPolicy } from '../../../shared/domain/retention';
import { AppError } from '../../../shared/result';
import type { ArtifactCatalogReads, ArtifactCatalogWrites } from '../../ports/store';
import type { ServiceIds } from './service-ids';

interface CatalogRow {
  id: number;
  service: string;
  image_repository: string;
  digest: string;
  commit_sha: string;
  commit_subject: string;
  version: string | null;
  version_key: string;
  pipeline_run_id: number | null;
  created_at: string;
  pruned_by: string | null;
  pruned_at: string | null;
}

const COLUMNS = `a.id, (SELECT name FROM services WHERE id = a.service_id) AS service, a.image_repository, a.digest, a.commit_sha,
  a.commit_subject, a.version, a.version_key, a.pipeline_run_id, a.created_at, p.pruned_by, p.pruned_at`;
/** The service name comes from a subquery, not a join, so the planner never puts services first and sorts a million rows. */
const SELECT = `SELECT ${COLUMNS} FROM artifacts a LEFT JOIN artifact_prunes p ON p.artifact_id = a.id`;

export const toArtifactRow = (row: CatalogRow): ArtifactRow => ({
  id: row.id,
  service: row.service,
  imageRepository: row.image_repository,
  digest: row.digest,
  commitSha: row.commit_sha,
  commitSubject: row.commit_subject,
  version: row.version,
  pipelineRunId: row.pipeline_run_id,
  createdAt: row.created_at,
  pruned: row.pruned_by !== null && row.pruned_at !== null ? { by: row.pruned_by, at: row.pruned_at } : null,
  tags: artifactTags(row.commit_sha, row.version)
});

/**
 * Each sort: its ORDER BY, the row-value cursor comparison, the sort key a cursor carries, and the index
 * that walks it (with and without a service), named so a page reads ~limit rows whatever the statistics say.
 */
const SORTS = {
  newest: {
    order: 'a.created_at DESC, a.id DESC',
    after: '(a.created_at, a.id) < (?, ?)',
    key: (row: CatalogRow) => row.created_at,
    index: { all: 'artifacts_by_created', service: 'artifacts_by_service_created' }
  },
  oldest: {
    order: 'a.created_at ASC, a.id ASC',
    after: '(a.created_at, a.id) > (?, ?)',
    key: (row: CatalogRow) => row.created_at,
    index: { all: 'artifacts_by_created', service: 'artifacts_by_service_created' }
  },
  version: {
    order: 'a.version_key DESC, a.id DESC',
    after: '(a.version_key, a.id) < (?, ?)',
    key: (row: CatalogRow) => row.version_key,
    index: { all: 'artifacts_by_version_key', service: 'artifacts_by_service_version_key' }
  }
} as const;

/** The cursor is the last row's sort key and id: stable under inserts, and O(log n) to resume from. */
const encodeCursor = (key: string, id: number): string => JSON.stringify([key, id]);

function decodeCursor(cursor: string): [string, number] {
  try {
    const value: unknown = JSON.parse(cursor);
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isSafeInteger(value[1])) {
      return [value[0], value[1] as number];
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError('INVALID_INPUT', 'The page cursor is not one this catalogue handed out.', 'Ask for the first page again (leave out cursor).');
}

/** `[from, to)` covering every string that starts with `prefix`. */
const prefixRange = (prefix: string): [string, string] => [prefix, `${prefix}\u{10FFFF}`];

/** FTS5 query: every word, as a prefix, must appear (quoted, so no word is read as an operator). */
const ftsQuery = (words: readonly string[]): string => words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(' ');

/**
 * The artifact catalogue on SQLite (migration 4's indexes): one query per page, driven by the index of
 * the chosen sort; the search text becomes an id set from the digest, commit, version and subject
 * indexes.
 */
export function createSqliteArtifactCatalog(db: Database.Database, now: () => string, services: ServiceIds): ArtifactCatalogReads & ArtifactCatalogWrites {
  const byId = db.prepare<[number], CatalogRow>(`${SELECT} WHERE a.id = ?`);
  const previous = db.prepare<[number, string, number], CatalogRow>(
    `${SELECT} WHERE a.service_id = ? AND (a.created_at, a.id) < (?, ?) ORDER BY a.created_at DESC, a.id DESC LIMIT 1`
  );
  const serviceOf = db.prepare<[number], { service_id: number }>('SELECT service_id FROM artifacts WHERE id = ?');
  const live = db.prepare<[number], CatalogRow>(`${SELECT} WHERE a.service_id = ? AND p.id IS NULL ORDER BY a.created_at DESC, a.id DESC`);
  const policyOf = db.prepare<
    [number],
    { keep_last: number; keep_days: number; keep_per_environment: number; updated_at: string; updated_by: string }
  >('SELECT keep_last, keep_days, keep_per_environment, updated_at, updated_by FROM retention_policies WHERE service_id = ?');
  const upsertPolicy = db.prepare(
    `INSERT INTO retention_policies (service_id, keep_last, keep_days, keep_per_environment, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (service_id) DO UPDATE SET keep_last = excluded.keep_last, keep_days = excluded.keep_days,
       keep_per_environment = excluded.keep_per_environment, updated_at = excluded.updated_at, updated_by = excluded.updated_by`
  );
  /** Statements are built per query shape and kept: a handful of shapes in practice. */
  const prepared = new Map<string, Database.Statement<unknown[], CatalogRow>>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) {
      found = db.prepare<unknown[], CatalogRow>(sql);
      prepared.set(sql, found);
    }
    return found;
  };

  const getRetentionPolicy = (service: string): StoredRetentionPolicy => {
    const row = policyOf.get(services.require(service));
    return row
      ? { service, keepLast: row.keep_last, keepDays: row.keep_days, keepPerEnvironment: row.keep_per_environment, custom: true, updatedAt: row.updated_at, updatedBy: row.updated_by }
      : { service, ...DEFAULT_RETENTION, custom: false, updatedAt: null, updatedBy: null };
  };

  return {
    searchArtifacts(query: ArtifactQuery): ArtifactPage {
      const where: string[] = [];
      const binds: unknown[] = [];
      const searchBinds: unknown[] = [];
      if (query.service !== undefined) {
        const serviceId = services.find(query.service);
        if (serviceId === null) return { items: [], nextCursor: null };
        where.push('a.service_id = ?');
        binds.push(serviceId);
      }
      if (query.status === 'live') where.push('p.id IS NULL');
      if (query.status === 'pruned') where.push('p.id IS NOT NULL');
      if (query.createdFrom !== undefined) {
        where.push('a.created_at >= ?');
        binds.push(query.createdFrom);
      }
      if (query.createdTo !== undefined) {
        where.push('a.created_at < ?');
        binds.push(query.createdTo);
      }
      const sort = SORTS[query.sort];
      if (query.cursor !== undefined) {
        where.push(sort.after);
        binds.push(...decodeCursor(query.cursor));
      }
      const search = query.search?.trim() ?? '';
      let from: string;
      if (search !== '') {
        const terms = searchTerms(search);
        const sets: string[] = [];
        if (terms.hexPrefix !== null) {
          sets.push('SELECT id FROM artifacts WHERE digest >= ? AND digest < ?', 'SELECT id FROM artifacts WHERE commit_sha >= ? AND commit_sha < ?');
          searchBinds.push(...prefixRange(`sha256:${terms.hexPrefix}`), ...prefixRange(terms.hexPrefix));
        }
        if (terms.versionPrefix !== null) {
          sets.push('SELECT id FROM artifacts WHERE version >= ? AND version < ?', 'SELECT id FROM artifacts WHERE version >= ? AND version < ?');
          searchBinds.push(...prefixRange(terms.versionPrefix), ...prefixRange(`v${terms.versionPrefix}`));
        }
        if (terms.words.length > 0) {
          sets.push('SELECT rowid AS id FROM artifacts_subject_fts WHERE artifacts_subject_fts MATCH ?');
          searchBinds.push(ftsQuery(terms.words));
        }
        if (sets.length === 0) return { items: [], nextCursor: null };
        // The matches drive (CROSS JOIN keeps them the outer loop): a search finds few rows, sorted after.
        from = `(${sets.join(' UNION ')}) m CROSS JOIN artifacts a ON a.id = m.id`;
      } else {
        from = `artifacts a INDEXED BY ${query.service === undefined ? sort.index.all : sort.index.service}`;
      }
      const sql = `SELECT ${COLUMNS} FROM ${from} LEFT JOIN artifact_prunes p ON p.artifact_id = a.id${
        where.length ? ` WHERE ${where.join(' AND ')}` : ''
      } ORDER BY ${sort.order} LIMIT ?`;
      const rows = statement(sql).all(...searchBinds, ...binds, query.limit + 1);
      const shown = rows.slice(0, query.limit);
      const last = shown.at(-1);
      return {
        items: shown.map(toArtifactRow),
        nextCursor: rows.length > query.limit && last ? encodeCursor(sort.key(last), last.id) : null
      };
    },
    getArtifactRow: (artifactId) => {
      const row = byId.get(artifactId);
      return row ? toArtifactRow(row) : null;
    },
    previousArtifact: (artifactId) => {
      const row = byId.get(artifactId);
      const service = serviceOf.get(artifactId);
      if (!row || !service) return null;
      const found = previous.get(service.service_id, row.created_at, row.id);
      return found ? toArtifactRow(found) : null;
    },
    liveArtifacts: (service) => {
      const serviceId = services.find(service);
      return serviceId === null ? [] : live.all(serviceId).map(toArtifactRow);
    },
    getRetentionPolicy,
    setRetentionPolicy: (service, policy, updatedBy) => {
      upsertPolicy.run(services.require(service), policy.keepLast, policy.keepDays, policy.keepPerEnvironment, now(), updatedBy);
      return getRetentionPolicy(service);
    }
  };
}
