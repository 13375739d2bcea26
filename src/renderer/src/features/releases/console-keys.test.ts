import { describe, expect, it } from 'vitest';
import { consoleKey } from './console-keys';

describe('rollback console keys', () => {
  it('move with the arrows and stay within the list', () => {
    expect(consoleKey({ key: 'ArrowDown' }, 0, 3, 10)).toEqual({ kind: 'move', index: 1 });
    expect(consoleKey({ key: 'ArrowDown' }, 2, 3, 10)).toEqual({ kind: 'move', index: 2 });
    expect(consoleKey({ key: 'ArrowUp' }, 0, 3, 10)).toEqual({ kind: 'move', index: 0 });
    expect(consoleKey({ key: 'End' }, 0, 3, 10)).toEqual({ kind: 'move', index: 2 });
  });

  it('open the pre-flight with Enter and arm a rollback with R', () => {
    expect(consoleKey({ key: 'Enter' }, 1, 3, 10)).toEqual({ kind: 'preflight', index: 1 });
    expect(consoleKey({ key: 'r' }, 1, 3, 10)).toEqual({ kind: 'rollback', index: 1 });
    expect(consoleKey({ key: 'R' }, 1, 3, 10)).toEqual({ kind: 'rollback', index: 1 });
  });

  it('ignore R with a modifier (Ctrl+R reloads) and keys with nothing selected', () => {
    expect(consoleKey({ key: 'r', ctrlKey: true }, 1, 3, 10)).toEqual({ kind: 'none' });
    expect(consoleKey({ key: 'r', metaKey: true }, 1, 3, 10)).toEqual({ kind: 'none' });
    expect(consoleKey({ key: 'Enter' }, -1, 0, 10)).toEqual({ kind: 'none' });
    expect(consoleKey({ key: 'q' }, 1, 3, 10)).toEqual({ kind: 'none' });
  });
});
