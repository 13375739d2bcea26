import type Database from 'better-sqlite3';
import type { Artifact } from '../../../shared/domain/artifacts';
import { versionSortKey } from '../../../shared/domain/artifact-catalog';
import { AppError } from '../../../shared/result';
import type { ArtifactsReads, ArtifactsWrites, NewArtifact } from '../../ports/store';
import { pageBinds, toPage } from './paging';
import { createSqliteArtifactCatalog } from './sqlite-artifact-catalog';
import type { ServiceIds } from './service-ids';

interface ArtifactRow {
  id: number;
  service: string;
  image_repository: string;
  digest: string;
  commit_sha: string;
  version: string | null;
  pipeline_run_id: number | null;
  created_at: string;
  pruned_by: string | null;
  pruned_at: string | null;
}

const COLUMNS = `a.id, s.name AS service, a.image_repository, a.digest, a.commit_sha, a.version, a.pipeline_run_id,
  a.created_at, p.pruned_by, p.pruned_at
  FROM artifacts a JOIN services s ON s.id = a.service_id LEFT JOIN artifact_prunes p ON p.artifact_id = a.id`;

const toArtifact = (row: ArtifactRow): Artifact => ({
  id: row.id,
  service: row.service,
  imageRepository: row.image_repository,
  digest: row.digest,
  commitSha: row.commit_sha,
  version: row.version,
  pipelineRunId: row.pipeline_run_id,
  createdAt: row.created_at,
  pruned: row.pruned_by !== null && row.pruned_at !== null ? { by: row.pruned_by, at: row.pruned_at } : null
});

/** Artifacts on SQLite: recorded once per digest, pruning recorded beside them (append-only), never deleted. */
export function createSqliteArtifacts(db: Database.Database, now: () => string, services: ServiceIds): ArtifactsReads & ArtifactsWrites {
  const statements = {
    insert: db.prepare(
      'INSERT INTO artifacts (service_id, image_repository, digest, commit_sha, version, pipeline_run_id, created_at, commit_subject, version_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
    ),
    insertPrune: db.prepare('INSERT INTO artifact_prunes (artifact_id, pruned_by, pruned_at) VALUES (?, ?, ?)'),
    byId: db.prepare<[number], ArtifactRow>(`SELECT ${COLUMNS} WHERE a.id = ?`),
    byDigest: db.prepare<[string, string], ArtifactRow>(`SELECT ${COLUMNS} WHERE a.image_repository = ? AND a.digest = ?`),
    ofService: db.prepare<[number, number, number], ArtifactRow>(
      `SELECT ${COLUMNS} WHERE a.service_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?`
    )
  };

  const requireArtifact = (id: number): ArtifactRow => {
    const row = statements.byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', `There is no artifact #${id}.`, 'Check the artifact in the service\'s artifact history.');
    return row;
  };

  const recordArtifact = db.transaction((artifact: NewArtifact): Artifact => {
    const serviceId = services.require(artifact.service);
    if (statements.byDigest.get(artifact.imageRepository, artifact.digest)) {
      throw new AppError(
        'ALREADY_EXISTS',
        `${artifact.imageRepository}@${artifact.digest} is already recorded.`,
        'An image is built once and promoted as it is: use the recorded artifact.'
      );
    }
    const inserted = statements.insert.run(
      serviceId,
      artifact.imageRepository,
      artifact.digest,
      artifact.commitSha,
      artifact.version,
      artifact.pipelineRunId,
      now(),
      artifact.commitSubject ?? '',
      versionSortKey(artifact.version)
    );
    return toArtifact(requireArtifact(Number(inserted.lastInsertRowid)));
  });

  const recordPrune = db.transaction((artifactId: number, prunedBy: string): Artifact => {
    const row = requireArtifact(artifactId);
    if (row.pruned_at !== null) {
      throw new AppError('ALREADY_EXISTS', `Artifact #${artifactId} was already pruned (${row.pruned_at}).`, 'Nothing to do.');
    }
    statements.insertPrune.run(artifactId, prunedBy, now());
    return toArtifact(requireArtifact(artifactId));
  });

  return {
    ...createSqliteArtifactCatalog(db, now, services),
    findArtifact: (imageRepository, digest) => {
      const row = statements.byDigest.get(imageRepository, digest);
      return row ? toArtifact(row) : null;
    },
    listArtifacts: (service, page) => {
      const serviceId = services.find(service);
      if (serviceId === null) return { items: [], nextBeforeId: null };
      const { beforeId, take } = pageBinds(page);
      return toPage(statements.ofService.all(serviceId, beforeId, take), page, toArtifact);
    },
    recordArtifact: (artifact) => recordArtifact(artifact),
    recordPrune: (artifactId, prunedBy) => recordPrune(artifactId, prunedBy)
  };
}
