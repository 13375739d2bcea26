// The fast bulk path for benchmarks: artifact rows written straight into the store's file in one
// transaction per chunk, through the same columns (and so the same triggers and indexes) recordArtifact fills.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { versionSortKey } from '../../../../shared/domain/artifact-catalog';

export interface BulkArtifactsOptions {
  /** The store's database file (it must exist: open the store once first, so migrations have run). */
  readonly file: string;
  readonly services: readonly string[];
  readonly count: number;
  /** The first artifact's time; the rest follow `stepMs` apart. */
  readonly startMs: number;
  readonly stepMs: number;
  /** Every n-th artifact carries a version; every m-th is marked pruned. */
  readonly versionEvery: number;
  readonly pruneEvery: number;
}

const WORDS = ['fix', 'add', 'checkout', 'login', 'payments', 'retry', 'cache', 'search', 'orders', 'billing', 'speed', 'up', 'api', 'ui', 'refactor', 'bump'];

/** A deterministic 64-hex string for row `i` (digest) and a 40-hex one (commit). */
const hex = (seed: string, length: number): string => createHash('sha256').update(seed).digest('hex').slice(0, length);

/** Writes `count` artifacts spread over `services` (round robin); returns the time it took. */
export function bulkInsertArtifacts(options: BulkArtifactsOptions): number {
  const started = performance.now();
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const serviceIds = options.services.map((name) => {
    const row = db.prepare<[string], { id: number }>('SELECT id FROM services WHERE name = ?').get(name);
    if (!row) throw new Error(`no service ${name} in ${options.file}`);
    return row.id;
  });
  const insert = db.prepare(
    `INSERT INTO artifacts (service_id, image_repository, digest, commit_sha, version, pipeline_run_id, created_at, commit_subject, version_key)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`
  );
  const prune = db.prepare('INSERT INTO artifact_prunes (artifact_id, pruned_by, pruned_at) VALUES (?, ?, ?)');
  const CHUNK = 50_000;
  for (let from = 0; from < options.count; from += CHUNK) {
    db.transaction(() => {
      for (let i = from; i < Math.min(options.count, from + CHUNK); i++) {
        const serviceIndex = i % serviceIds.length;
        const service = options.services[serviceIndex] ?? 'svc';
        const perService = Math.floor(i / serviceIds.length);
        const version =
          i % options.versionEvery === 0 ? `${Math.floor(perService / 10_000)}.${Math.floor(perService / 100) % 100}.${perService % 100}` : null;
        const subject = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${WORDS[(i * 13) % WORDS.length]} #${i}`;
        const createdAt = new Date(options.startMs + i * options.stepMs).toISOString();
        const result = insert.run(
          serviceIds[serviceIndex],
          `127.0.0.1:5000/bench/${service}`,
          `sha256:${hex(`d${i}`, 64)}`,
          hex(`c${i}`, 40),
          version,
          createdAt,
          subject,
          versionSortKey(version)
        );
        if (i % options.pruneEvery === 0) prune.run(Number(result.lastInsertRowid), 'bench', createdAt);
      }
    })();
  }
  db.pragma('optimize');
  db.close();
  return performance.now() - started;
}

/** The digest and commit of row `i`, as bulkInsertArtifacts made them (for searches that find something). */
export const bulkDigest = (i: number): string => `sha256:${hex(`d${i}`, 64)}`;
export const bulkCommit = (i: number): string => hex(`c${i}`, 40);
