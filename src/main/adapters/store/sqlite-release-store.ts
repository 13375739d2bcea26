import type Database from 'better-sqlite3';
import type {
  AnalysisReads,
  AnalysisWrites,
  ArtifactsReads,
  ArtifactsWrites,
  AuditReads,
  AuditWrites,
  DeploymentsReads,
  DeploymentsWrites,
  ReleasesReads,
  ReleasesWrites,
  ReleaseStore,
  RunsReads,
  RunsWrites,
  StoreTransaction,
  WorkspaceReads,
  WorkspaceWrites
} from '../../ports/store';
import { isBackupDue } from './backup/backup-files';
import { makeBackup } from './backup/make-backup';
import { exposeAggregate, type RunWrite } from './deferred';
import { createWriter } from './non-blocking-write';
import type { OpenDatabaseOptions } from './open-database';
import { openStoreFile, storeLocation } from './open-store-file';
import { readStoreContents } from './schema-version';
import { createServiceIds } from './service-ids';
import { createSqliteAnalysis } from './sqlite-analysis';
import { createSqliteArtifacts } from './sqlite-artifacts';
import { createSqliteAudit } from './sqlite-audit';
import { createSqliteDeployments } from './sqlite-deployments';
import { createSqliteReleases } from './sqlite-releases';
import { createSqliteRuns } from './sqlite-runs';
import { createSqliteWorkspace } from './sqlite-workspace';
import { readOnlyError, translateStoreError, type StoreLocation } from './store-errors';

export const DATABASE_FILE_NAME = 'shipdeck.db';

export interface OpenReleaseStoreOptions extends OpenDatabaseOptions {
  readonly now?: (() => string) | undefined;
  /** See OpenStoreFileOptions: tests simulate a read-only file with it. */
  readonly isWritable?: ((file: string) => boolean) | undefined;
  /** Make the once-a-day backup when it is due (default true). */
  readonly dailyBackup?: boolean | undefined;
}

/** The SQLite store, with what only the adapter's owner (the CLI's backup command, tests) needs. */
export interface SqliteReleaseStore extends ReleaseStore {
  /** Makes a backup now (SQLite online backup) and returns its file. */
  backup(): Promise<string>;
  /** The once-a-day backup started on open: its file, or null when none was due (or it failed). */
  readonly dailyBackup: Promise<string | null>;
}

/** The release store on SQLite, in `<dataDir>/shipdeck.db`. */
export function openReleaseStore(dataDir: string, options: OpenReleaseStoreOptions = {}): SqliteReleaseStore {
  const now = options.now ?? (() => new Date().toISOString());
  const location = storeLocation(dataDir, DATABASE_FILE_NAME);
  const { db, readOnlyReason, existed } = openStoreFile(location, { ...options, now });
  const explain = (error: unknown) => translateStoreError(error, location);

  // Migrations above may wait for another process; from here on a read waits at most a moment (WAL
  // readers are not blocked by writers) and writes wait on a timer, never blocking the event loop.
  db.pragma('busy_timeout = 250');
  const runWrite = writerFor(db, location, readOnlyReason, options.busyTimeoutMs ?? 10_000, explain);

  // Transactions may replace the clock while they run (synchronously: nothing else writes meanwhile).
  let clock = now;
  const tx = bindAggregates(db, () => clock());
  const store = {
    workspace: exposeAggregate<WorkspaceReads, WorkspaceWrites>(
      db,
      tx.workspace,
      { addService: true, setEnvironments: true, retireService: true, setServicePath: true },
      runWrite,
      explain
    ),
    runs: exposeAggregate<RunsReads, RunsWrites>(
      db,
      tx.runs,
      { recordRun: true, setRunStatus: true, setStageStatus: true, recordStageLog: true, setTestSummary: true, interruptUnfinished: true, setBranchWatch: true },
      runWrite,
      explain
    ),
    artifacts: exposeAggregate<ArtifactsReads, ArtifactsWrites>(db, tx.artifacts, { recordArtifact: true, recordPrune: true, setRetentionPolicy: true }, runWrite, explain),
    deployments: exposeAggregate<DeploymentsReads, DeploymentsWrites>(
      db,
      tx.deployments,
      { recordDeployment: true, appendEvent: true, recordApproval: true },
      runWrite,
      explain
    ),
    releases: exposeAggregate<ReleasesReads, ReleasesWrites>(
      db,
      tx.releases,
      {
        startRelease: true,
        appendReleaseEvent: true,
        decideApproval: true,
        takeLock: true,
        setLockPid: true,
        placeHold: true,
        releaseHold: true,
        configureEnvironment: true,
        setServiceReadOnly: true
      },
      runWrite,
      explain
    ),
    audit: exposeAggregate<AuditReads, AuditWrites>(db, tx.audit, { append: true }, runWrite, explain),
    analysis: exposeAggregate<AnalysisReads, AnalysisWrites>(
      db,
      tx.analysis,
      { startStep: true, appendSeries: true, recordVerdict: true, setSetting: true },
      runWrite,
      explain
    )
  };

  const schemaOf = () => {
    const contents = readStoreContents(db);
    return contents.kind === 'shipdeck' ? contents.schema : 0;
  };
  const backup = () => makeBackup(db, { dataDir, takenAt: new Date(now()), schema: schemaOf(), nativeBinding: options.nativeBinding });
  // A store made just now holds nothing worth a copy; a read-only one cannot get a backups folder.
  const dailyBackup =
    options.dailyBackup !== false && existed && !readOnlyReason && isBackupDue(dataDir, new Date(now()))
      ? backup().catch((error: unknown) => {
          // Closing the store ends a backup under way; the next open makes it again.
          if (db.open) console.warn(`[shipdeck] the daily backup of ${location.file} failed:`, error);
          return null;
        })
      : Promise.resolve(null);

  return {
    ...store,
    transaction: (work, transactionOptions) =>
      runWrite(() =>
        db
          .transaction(() => {
            clock = transactionOptions?.clock ?? now;
            try {
              const result = work(tx);
              if (result instanceof Promise) throw new TypeError('A store transaction must be synchronous: it cannot wait while it holds the write lock.');
              return result;
            } finally {
              clock = now;
            }
          })
          .immediate()
      ),
    file: location.file,
    readOnlyReason,
    appliedMigrations: () => db.prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version').all().map((row) => row.version),
    backup,
    dailyBackup,
    close: () => db.close()
  };
}

/** The aggregates over one connection: synchronous, so they compose inside one transaction. */
function bindAggregates(db: Database.Database, now: () => string): StoreTransaction {
  const services = createServiceIds(db);
  const audit = createSqliteAudit(db, now);
  const workspace = createSqliteWorkspace(db, now, audit);
  return {
    workspace,
    runs: createSqliteRuns(db, now, services),
    artifacts: createSqliteArtifacts(db, now, services),
    deployments: createSqliteDeployments(db, now, services),
    releases: createSqliteReleases(db, now, services, audit, workspace),
    audit,
    analysis: createSqliteAnalysis(db, now, audit)
  };
}

function writerFor(
  db: Database.Database,
  location: StoreLocation,
  readOnlyReason: string | null,
  timeoutMs: number,
  explain: (error: unknown) => unknown
): RunWrite {
  if (readOnlyReason) return () => Promise.reject(readOnlyError(location, readOnlyReason));
  const write = createWriter(db, timeoutMs);
  return (work, signal) =>
    write(work, signal).catch((error: unknown) => {
      throw explain(error);
    });
}
