/** The rollback console's keyboard: ↑/↓ (and Home/End/PageUp/PageDown) move, Enter checks, R rolls back. */
import { nextIndexForKey } from '../../components/list-navigation';

export type ConsoleKeyResult =
  | { readonly kind: 'move'; readonly index: number }
  /** Open the pre-flight of the selected environment to review it (candidate, reason). */
  | { readonly kind: 'preflight'; readonly index: number }
  /** Open the pre-flight for the last known good with "Roll back" ready: Enter then confirms. */
  | { readonly kind: 'rollback'; readonly index: number }
  | { readonly kind: 'none' };

interface KeyPress {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

/** What a key press on the console's list does, given the selected row and the rows there are. */
export function consoleKey(event: KeyPress, selected: number, count: number, pageSize: number): ConsoleKeyResult {
  if (event.ctrlKey || event.metaKey || event.altKey) return { kind: 'none' };
  const moved = nextIndexForKey(event.key, selected, count, pageSize);
  if (moved !== null) return { kind: 'move', index: moved };
  if (selected < 0 || selected >= count) return { kind: 'none' };
  if (event.key === 'Enter') return { kind: 'preflight', index: selected };
  if (event.key === 'r' || event.key === 'R') return { kind: 'rollback', index: selected };
  return { kind: 'none' };
}
