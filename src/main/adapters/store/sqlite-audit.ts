import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../shared/domain/workspace';
import type { AuditReads, AuditWrites } from '../../ports/store';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  action: row.action,
  subject: row.subject,
  details: JSON.parse(row.details) as AuditEntry['details']
});

/** The audit log on the append-only `audit_log` table (triggers refuse UPDATE and DELETE). */
export function createSqliteAudit(db: Database.Database, now: () => string): AuditReads & AuditWrites {
  const insert = db.prepare('INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)');
  const byId = db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE id = ?');
  const page = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?');
  return {
    list: (limit, beforeId) => page.all(beforeId ?? Number.MAX_SAFE_INTEGER, limit).map(toEntry),
    append: (entry) => {
      const id = Number(insert.run(now(), entry.actor, entry.action, entry.subject, JSON.stringify(entry.details)).lastInsertRowid);
      return toEntry(byId.get(id) as AuditRow);
    }
  };
}
