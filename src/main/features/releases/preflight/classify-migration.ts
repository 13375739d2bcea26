/**
 * Whether code from before a migration still works once the migration has run: what a rollback across it
 * needs. Additive changes (new tables, indexes, nullable or defaulted columns, data changes) are
 * backward-compatible; a rename, a drop or a type change is not, and neither is anything that makes older
 * code's writes fail (a NOT NULL column without a default, a new constraint) or a statement Shipdeck does
 * not recognise. A `-- shipdeck: backward-compatible <reason>` comment overrides it for the file. The
 * format is documented in docs/migrations.md.
 */
import type { MigrationCrossing, MigrationKind } from '../../../../shared/domain/releases';
import { scanSql, type SqlStatement } from './sql-statements';

export interface StatementVerdict {
  readonly kind: MigrationKind;
  readonly backwardCompatible: boolean;
  /** What the statement does and, when incompatible, why older code breaks (a clause, no full stop). */
  readonly why: string;
}

const compatible = (why: string): StatementVerdict => ({ kind: 'additive', backwardCompatible: true, why });
const incompatible = (kind: Exclude<MigrationKind, 'additive'>, why: string): StatementVerdict => ({ kind, backwardCompatible: false, why });

const RENAMES_TABLE = incompatible('rename', 'renames a table: code from before this migration still uses the old name, and its queries would fail');
const RENAMES_COLUMN = incompatible('rename', 'renames a column: code from before this migration still uses the old name, and its queries would fail');
const DROPS_COLUMN = incompatible('drop', 'drops a column: code from before this migration still reads and writes it, and its queries would fail');
const CHANGES_TYPE = incompatible('type-change', "changes a column's type: code from before this migration reads and writes the old type, and may fail or store wrong values");
const UNKNOWN = incompatible(
  'other-incompatible',
  'is not a statement Shipdeck recognises, so it cannot tell whether code from before this migration still works with it'
);
const DATA_ONLY = compatible('changes data, not the schema');
const HOUSEKEEPING = compatible('changes no table or column that code reads');

// An identifier as it appears in masked text: a bare name, or an emptied quoted one, possibly dotted.
const NAME = String.raw`(?:""|\`\`|[A-Z0-9_$]+)(?:\.(?:""|\`\`|[A-Z0-9_$]+))*`;
const ALTER_TABLE = new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${NAME}\s?\*? ?(.*)$`, 's');

/** Splits `a, b (c, d), e` at the commas outside parentheses. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts.filter(Boolean);
}

function addedColumn(definition: string): StatementVerdict {
  const fillsItself = /\bDEFAULT\b|\bGENERATED\b|\bAUTO_INCREMENT\b|\bIDENTITY\b/.test(definition) || new RegExp(`^${NAME} (?:BIG|SMALL)?SERIAL\\d?\\b`).test(definition);
  const required = /(?<!\bIS )\bNOT NULL\b|\bPRIMARY KEY\b/.test(definition);
  return required && !fillsItself
    ? incompatible('other-incompatible', 'adds a NOT NULL column without a default: inserts from code before this migration leave it out and would be refused')
    : compatible('adds a column that code from before this migration can ignore');
}

function alteredColumn(rest: string): StatementVerdict {
  const change = rest.replace(new RegExp(`^${NAME} `), '');
  if (/^(?:SET DATA )?TYPE\b/.test(change)) return CHANGES_TYPE;
  if (/^SET DEFAULT\b|^DROP NOT NULL\b/.test(change)) return compatible("relaxes or sets a column's default");
  if (/^DROP DEFAULT\b/.test(change)) {
    return incompatible('other-incompatible', "drops a column's default: inserts from code before this migration that leave the column out no longer get a value");
  }
  if (/^SET NOT NULL\b/.test(change)) {
    return incompatible('other-incompatible', 'makes a column NOT NULL: writes from code before this migration that leave it empty would be refused');
  }
  if (/^DROP IDENTITY\b/.test(change)) {
    return incompatible('other-incompatible', "stops generating a column's values: inserts from code before this migration that leave it out would be refused");
  }
  if (/^(?:SET (?:STATISTICS|STORAGE|COMPRESSION)\b|SET \(|RESET \(|ADD GENERATED\b|SET GENERATED\b|RESTART\b|SET INCREMENT\b|DROP EXPRESSION\b)/.test(change)) {
    return HOUSEKEEPING;
  }
  return CHANGES_TYPE; // `ALTER COLUMN c int` (SQL Server) redefines the column's type
}

/** One action of an ALTER TABLE (`ADD COLUMN …`, `RENAME COLUMN a TO b`, `DROP COLUMN c`…). */
function alterTableAction(action: string): StatementVerdict {
  if (/^RENAME (?:CONSTRAINT|INDEX|KEY)\b/.test(action)) return compatible('renames a constraint or index');
  if (/^RENAME (?:TO|AS)\b/.test(action)) return RENAMES_TABLE;
  if (/^RENAME\b/.test(action)) return RENAMES_COLUMN;
  if (/^SET SCHEMA\b/.test(action)) return incompatible('rename', 'moves a table to another schema: code from before this migration still uses the old name');
  if (/^ADD (?:CONSTRAINT|PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK|EXCLUDE)\b/.test(action)) {
    return incompatible('other-incompatible', 'adds a constraint: writes from code before this migration that break it would be refused');
  }
  if (/^ADD (?:INDEX|KEY|FULLTEXT|SPATIAL)\b/.test(action)) return compatible('adds an index');
  const add = /^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(.*)$/s.exec(action);
  if (add) return addedColumn(add[1] ?? '');
  if (/^DROP (?:CONSTRAINT|INDEX|KEY|PRIMARY KEY|FOREIGN KEY|CHECK)\b/.test(action)) return compatible('drops a constraint or index, which only relaxes what is accepted');
  if (/^DROP\b/.test(action)) return DROPS_COLUMN;
  const alter = /^ALTER (?:COLUMN )?(.*)$/s.exec(action);
  if (alter) return alteredColumn(alter[1] ?? '');
  if (/^MODIFY\b/.test(action)) return CHANGES_TYPE;
  // MySQL's CHANGE old new type: a rename unless both names are the same bare word (quoted names are masked).
  const change = new RegExp(`^CHANGE (?:COLUMN )?(${NAME}) (${NAME})(?= |$)`).exec(action);
  if (change) return change[1] === change[2] && !/[`"]/.test(change[1] ?? '') ? CHANGES_TYPE : RENAMES_COLUMN;
  if (/^(?:OWNER TO|SET TABLESPACE|SET \(|RESET \(|CLUSTER ON|SET WITHOUT CLUSTER|VALIDATE CONSTRAINT|ENABLE TRIGGER|DISABLE TRIGGER|SET LOGGED|SET UNLOGGED|REPLICA IDENTITY|ALTER CONSTRAINT)\b/.test(action)) {
    return HOUSEKEEPING;
  }
  return UNKNOWN;
}

function alterTable(actions: string): StatementVerdict {
  const verdicts = topLevelParts(actions).map(alterTableAction);
  return verdicts.find((verdict) => !verdict.backwardCompatible) ?? verdicts[0] ?? UNKNOWN;
}

/** What one statement does to code from before it. */
export function classifyStatement(statement: SqlStatement): StatementVerdict {
  const sql = statement.masked.toUpperCase();
  if (/^(?:BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/.test(sql)) return compatible('controls the transaction');
  if (/\bSP_RENAME\b/.test(sql) || /^RENAME TABLES?\b/.test(sql)) return RENAMES_TABLE;
  if (/^CREATE OR REPLACE\b/.test(sql)) {
    return incompatible('other-incompatible', 'redefines an existing view or function that code from before this migration may rely on');
  }
  if (/^CREATE\b/.test(sql)) return compatible('creates something new that code from before this migration does not use');
  if (/^DROP INDEX\b/.test(sql)) return compatible('drops an index: queries still return the same rows');
  if (/^DROP\b/.test(sql)) return incompatible('drop', 'drops something that code from before this migration still uses, and its queries would fail');
  const table = ALTER_TABLE.exec(sql);
  if (table) return alterTable(table[1] ?? '');
  if (/^ALTER INDEX\b/.test(sql)) return HOUSEKEEPING;
  if (/^ALTER TYPE \S+ ADD VALUE\b/.test(sql)) return compatible('adds a value to an enumerated type');
  if (/^ALTER\b.*\bRENAME\b/s.test(sql)) return incompatible('rename', 'renames something that code from before this migration still uses by its old name');
  if (/^ALTER TYPE\b.*\bDROP ATTRIBUTE\b/s.test(sql)) return incompatible('drop', 'drops an attribute of a type that code from before this migration still uses');
  if (/^ALTER TYPE\b.*\bALTER ATTRIBUTE\b/s.test(sql)) return CHANGES_TYPE;
  if (/^ALTER (?:SEQUENCE|ROLE|USER|GROUP|DEFAULT PRIVILEGES|DATABASE|SYSTEM|STATISTICS)\b/.test(sql)) return HOUSEKEEPING;
  if (/^(?:INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE|COPY|TRUNCATE|WITH|SELECT|VALUES)\b/.test(sql)) return DATA_ONLY;
  if (/^(?:COMMENT|GRANT|REVOKE|SET|RESET|ANALYZE|ANALYSE|VACUUM|REINDEX|CLUSTER|REFRESH|LOCK|PRAGMA|NOTIFY|DISCARD|SHOW|EXPLAIN)\b/.test(sql)) {
    return HOUSEKEEPING;
  }
  return UNKNOWN;
}

const MARKER = /^shipdeck:\s*backward[- ]compatible\b[\s:—–-]*(.*)$/is;
const MIN_REASON = 3;

/** The file's `shipdeck: backward-compatible` marker: present or not, and its reason (null when it gives none). */
function marker(comments: readonly string[]): { readonly reason: string | null } | null {
  for (const comment of comments) {
    const match = MARKER.exec(comment.trim());
    if (match) {
      const reason = (match[1] ?? '').replace(/\s+/g, ' ').trim();
      return { reason: reason.length >= MIN_REASON ? reason : null };
    }
  }
  return null;
}

const QUOTE_LIMIT = 160;
const quote = (text: string): string => `"${text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT - 1)}…` : text}"`;

/** Classifies one migration file a rollback would cross. */
export function classifyMigration(file: string, sql: string): MigrationCrossing {
  const { statements, comments } = scanSql(sql);
  const verdicts = statements.map((statement) => ({ statement, verdict: classifyStatement(statement) }));
  const breaking = verdicts.filter(({ verdict }) => !verdict.backwardCompatible);
  const first = breaking[0];
  const mark = marker(comments);

  if (first === undefined) {
    const what = [...new Set(verdicts.map(({ verdict }) => verdict.why))];
    const explanation = what.length === 0 ? 'It has no statements.' : `Backward-compatible: it ${what.join('; it ')}.`;
    return { file, kind: 'additive', backwardCompatible: true, explanation };
  }

  const others = breaking.length - 1;
  const more = others > 0 ? ` (and ${others} more statement${others === 1 ? '' : 's'} Shipdeck considers incompatible)` : '';
  const why = `${quote(first.statement.text)} ${first.verdict.why}${more}.`;
  if (mark?.reason) {
    return { file, kind: first.verdict.kind, backwardCompatible: true, explanation: `Marked backward-compatible in the file: "${mark.reason}". Without the mark: ${why}` };
  }
  const unmarked = mark ? ' Its "shipdeck: backward-compatible" comment gives no reason, so it does not count.' : '';
  return { file, kind: first.verdict.kind, backwardCompatible: false, explanation: `${why}${unmarked}` };
}
