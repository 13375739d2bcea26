import type { Page, PageRequest } from '../../ports/store';

/** SQL binds for a newest-first page: read one row more than asked to know whether another page follows. */
export const pageBinds = (page: PageRequest): { beforeId: number; take: number } => ({
  beforeId: page.beforeId ?? Number.MAX_SAFE_INTEGER,
  take: Math.max(0, page.limit) + 1
});

export function toPage<Row extends { id: number }, T>(rows: readonly Row[], page: PageRequest, toItem: (row: Row) => T): Page<T> {
  const shown = rows.slice(0, Math.max(0, page.limit));
  const more = rows.length > shown.length;
  return { items: shown.map(toItem), nextBeforeId: more ? (shown.at(-1)?.id ?? null) : null };
}
