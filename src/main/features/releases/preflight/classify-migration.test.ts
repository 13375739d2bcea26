import { describe, expect, it } from 'vitest';
import { classifyMigration, classifyStatement } from './classify-migration';
import { scanSql } from './sql-statements';

const verdictOf = (sql: string) => {
  const [statement] = scanSql(sql).statements;
  if (!statement) throw new Error(`no statement in ${sql}`);
  return classifyStatement(statement);
};

describe('scanSql', () => {
  it('splits statements at semicolons outside strings, comments, quoted identifiers and dollar-quoted bodies', () => {
    const sql = [
      "INSERT INTO notes (body) VALUES ('a; DROP TABLE users;');",
      '-- DROP TABLE users;',
      '/* outer /* nested; DROP TABLE x; */ still a comment; */',
      'CREATE TABLE "weird;name" (id int);',
      'CREATE FUNCTION f() RETURNS void AS $body$ BEGIN DROP TABLE y; END; $body$ LANGUAGE plpgsql;',
      "SELECT E'it\\'s; fine';",
      'SELECT 1'
    ].join('\n');
    const { statements, comments } = scanSql(sql);
    expect(statements.map((statement) => statement.text)).toEqual([
      "INSERT INTO notes (body) VALUES ('a; DROP TABLE users;')",
      'CREATE TABLE "weird;name" (id int)',
      'CREATE FUNCTION f() RETURNS void AS $body$ BEGIN DROP TABLE y; END; $body$ LANGUAGE plpgsql',
      "SELECT E'it\\'s; fine'",
      'SELECT 1'
    ]);
    expect(statements[0]?.masked).toBe("INSERT INTO notes (body) VALUES ('')");
    expect(comments).toEqual(['DROP TABLE users;', 'outer /* nested; DROP TABLE x; */ still a comment;']);
  });

  it("reads a doubled quote as part of the string, and a standard string's backslash as a plain character", () => {
    const { statements } = scanSql("SELECT 'it''s; here'; SELECT 'C:\\'; DROP TABLE t;");
    expect(statements.map((statement) => statement.masked)).toEqual(["SELECT ''", "SELECT ''", 'DROP TABLE t']);
  });
});

describe('classifyStatement', () => {
  it.each([
    ['CREATE TABLE products (id bigserial PRIMARY KEY, name text NOT NULL)'],
    ['create unique index orders_key_idx on orders (customer_id, idempotency_key)'],
    ['CREATE EXTENSION IF NOT EXISTS pg_trgm'],
    ['ALTER TABLE orders ADD COLUMN idempotency_key text'],
    ['ALTER TABLE products ADD COLUMN low_stock_threshold integer NOT NULL DEFAULT 5'],
    ["ALTER TABLE products ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', name)) STORED"],
    ['ALTER TABLE items ADD id2 bigserial NOT NULL'],
    ['ALTER TABLE items ADD COLUMN note text CHECK (note IS NOT NULL OR true)'],
    ['ALTER TABLE items ALTER COLUMN note DROP NOT NULL'],
    ["UPDATE products SET description = 'DROP TABLE products'"],
    ['DROP INDEX IF EXISTS products_name_idx'],
    ['ALTER TABLE items DROP CONSTRAINT items_note_check'],
    ["COMMENT ON TABLE items IS 'renamed later'"],
    ["ALTER TYPE order_status ADD VALUE 'refunded'"],
    ['BEGIN']
  ])('%s is backward-compatible', (sql) => {
    expect(verdictOf(sql)).toMatchObject({ kind: 'additive', backwardCompatible: true });
  });

  it.each([
    ['ALTER TABLE users RENAME COLUMN email TO email_address', 'rename'],
    ['alter table users rename email to email_address', 'rename'],
    ['ALTER TABLE IF EXISTS ONLY public.users RENAME TO customers', 'rename'],
    ['RENAME TABLE users TO customers', 'rename'],
    ['ALTER TABLE users SET SCHEMA archive', 'rename'],
    ['ALTER TABLE `users` CHANGE `email` `email_address` varchar(255)', 'rename'],
    ['DROP TABLE carts', 'drop'],
    ['drop table if exists "carts" cascade', 'drop'],
    ['ALTER TABLE users DROP COLUMN legacy_id', 'drop'],
    ['ALTER TABLE users DROP legacy_id', 'drop'],
    ['ALTER TABLE users ALTER COLUMN price_cents TYPE bigint', 'type-change'],
    ['ALTER TABLE users ALTER price_cents SET DATA TYPE numeric(12,2)', 'type-change'],
    ['ALTER TABLE users MODIFY COLUMN email varchar(512)', 'type-change'],
    ['ALTER TABLE users CHANGE price price bigint', 'type-change'],
    ['ALTER TABLE users ALTER COLUMN email nvarchar(512) NULL', 'type-change'],
    ['ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL', 'other-incompatible'],
    ['ALTER TABLE users ALTER COLUMN email SET NOT NULL', 'other-incompatible'],
    ['ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)', 'other-incompatible'],
    ['CREATE OR REPLACE VIEW active_users AS SELECT id FROM users', 'other-incompatible'],
    ['DO $$ BEGIN PERFORM 1; END $$', 'other-incompatible']
  ])('%s is not backward-compatible (%s)', (sql, kind) => {
    expect(verdictOf(sql)).toMatchObject({ kind, backwardCompatible: false });
  });

  it('judges an ALTER TABLE with several actions by its worst one', () => {
    expect(verdictOf('ALTER TABLE users ADD COLUMN nickname text, DROP COLUMN legacy_id, ALTER COLUMN age SET DEFAULT 0')).toMatchObject({ kind: 'drop' });
    expect(verdictOf('ALTER TABLE users ADD COLUMN a numeric(10, 2), ADD COLUMN b text DEFAULT \'x, y\'')).toMatchObject({ backwardCompatible: true });
  });

  it('is not misled by keywords inside quoted identifiers', () => {
    expect(verdictOf('ALTER TABLE "drop" ADD COLUMN "rename" text')).toMatchObject({ backwardCompatible: true });
  });
});

describe('classifyMigration', () => {
  it("quotes the statement that breaks older code and says why, whatever the file's comments and strings say", () => {
    const sql = [
      '-- Rename email; DROP TABLE users would be worse',
      "INSERT INTO audit (note) VALUES ('ALTER TABLE users DROP COLUMN email');",
      'ALTER TABLE users',
      '  RENAME COLUMN email TO email_address;'
    ].join('\n');
    const crossing = classifyMigration('migrations/007_rename_email.sql', sql);
    expect(crossing).toMatchObject({ file: 'migrations/007_rename_email.sql', kind: 'rename', backwardCompatible: false });
    expect(crossing.explanation).toBe(
      '"ALTER TABLE users RENAME COLUMN email TO email_address" renames a column: code from before this migration still uses the old name, and its queries would fail.'
    );
  });

  it('counts the other incompatible statements of the file', () => {
    const crossing = classifyMigration('m.sql', 'DROP TABLE a; DROP TABLE b; ALTER TABLE c RENAME TO d;');
    expect(crossing.kind).toBe('drop');
    expect(crossing.explanation).toContain('(and 2 more statements Shipdeck considers incompatible)');
  });

  it('says what an additive file does', () => {
    const crossing = classifyMigration('migrations/001_create_products.sql', '-- Create products\nCREATE TABLE products (\n  id bigserial PRIMARY KEY\n);\n');
    expect(crossing).toEqual({
      file: 'migrations/001_create_products.sql',
      kind: 'additive',
      backwardCompatible: true,
      explanation: 'Backward-compatible: it creates something new that code from before this migration does not use.'
    });
  });

  it('lets a marker comment with a reason override the classification, and keeps what it overrode', () => {
    const sql = '-- SHIPDECK: Backward-Compatible: the old column was never read since 1.2\nALTER TABLE users DROP COLUMN legacy_id;';
    const crossing = classifyMigration('m.sql', sql);
    expect(crossing).toMatchObject({ kind: 'drop', backwardCompatible: true });
    expect(crossing.explanation).toMatch(/^Marked backward-compatible in the file: "the old column was never read since 1\.2"\. Without the mark: "ALTER TABLE users DROP COLUMN legacy_id" drops a column/);
  });

  it('ignores a marker without a reason, and a marker inside a string', () => {
    const bare = classifyMigration('m.sql', '/* shipdeck: backward-compatible */\nDROP TABLE carts;');
    expect(bare.backwardCompatible).toBe(false);
    expect(bare.explanation).toContain('gives no reason, so it does not count');
    const inString = classifyMigration('m.sql', "SELECT '-- shipdeck: backward-compatible because I say so';\nDROP TABLE carts;");
    expect(inString.backwardCompatible).toBe(false);
  });

  it('treats an empty file as compatible', () => {
    expect(classifyMigration('m.sql', '-- nothing yet\n')).toMatchObject({ backwardCompatible: true, explanation: 'It has no statements.' });
  });
});
