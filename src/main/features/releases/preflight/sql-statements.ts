/**
 * Splits a migration's SQL into statements the way a database reads it, so that a word inside a comment,
 * a string or a quoted identifier is never taken for a statement: `--` and (nested) `/* *\/` comments,
 * '…' strings ('' inside; E'…' with backslash escapes), $tag$…$tag$ bodies, "…" and `…` identifiers.
 * PostgreSQL's lexical rules, which also cover what SQLite and MySQL migrations usually contain.
 */

export interface SqlStatement {
  /** The statement as written, without its comments, whitespace collapsed: what an explanation quotes. */
  readonly text: string;
  /**
   * The same with every string, dollar-quoted body and quoted identifier replaced by an empty one ('',
   * $$$$, ""): what a classifier matches keywords against.
   */
  readonly masked: string;
}

export interface SqlScan {
  readonly statements: readonly SqlStatement[];
  /** Every comment's text, without its `--` or `/* *\/`, in order. */
  readonly comments: readonly string[];
}

const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

/** Where a quoted run that starts at `start` (at its quote character) ends: the index after its closing quote. */
function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (backslashEscapes && char === '\\') {
      i += 2;
      continue;
    }
    if (char === quote) {
      if (sql[i + 1] === quote) {
        i += 2; // a doubled quote stands for one
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length; // unterminated: runs to the end, as the database would refuse it anyway
}

/** The index after a block comment that starts at `start`; block comments nest. */
function endOfBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The statements and comments of a SQL script. */
export function scanSql(sql: string): SqlScan {
  const statements: SqlStatement[] = [];
  const comments: string[] = [];
  let text = '';
  let masked = '';
  const endStatement = () => {
    const statement = { text: collapse(text), masked: collapse(masked) };
    if (statement.masked !== '') statements.push(statement);
    text = '';
    masked = '';
  };

  let i = 0;
  while (i < sql.length) {
    const char = sql[i] ?? '';
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      comments.push(sql.slice(i + 2, stop).trim());
      text += ' ';
      masked += ' ';
      i = stop;
    } else if (sql.startsWith('/*', i)) {
      const stop = endOfBlockComment(sql, i);
      comments.push(sql.slice(i + 2, Math.max(i + 2, stop - 2)).trim());
      text += ' ';
      masked += ' ';
      i = stop;
    } else if (char === "'") {
      // E'…' (a lone E before the quote, not the end of a word) takes backslash escapes.
      const escaped = /[Ee]/.test(sql[i - 1] ?? '') && !/[A-Za-z0-9_$]/.test(sql[i - 2] ?? ' ');
      const stop = endOfQuoted(sql, i, "'", escaped);
      text += sql.slice(i, stop);
      masked += "''";
      i = stop;
    } else if (char === '"' || char === '`') {
      const stop = endOfQuoted(sql, i, char, false);
      text += sql.slice(i, stop);
      masked += `${char}${char}`;
      i = stop;
    } else if (char === '$' && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? ' ') && DOLLAR_TAG.test(sql.slice(i, i + 66))) {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 66))?.[0] ?? '$$';
      const close = sql.indexOf(tag, i + tag.length);
      const stop = close < 0 ? sql.length : close + tag.length;
      text += sql.slice(i, stop);
      masked += '$$$$';
      i = stop;
    } else if (char === ';') {
      endStatement();
      i++;
    } else {
      text += char;
      masked += char;
      i++;
    }
  }
  endStatement();
  return { statements, comments };
}
