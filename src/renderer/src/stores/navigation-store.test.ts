import { describe, expect, it } from 'vitest';
import { reconciledSelection } from './navigation-store';

describe('reconciledSelection', () => {
  it('keeps a remembered service that still exists', () => {
    expect(reconciledSelection('billing', ['api', 'billing'])).toBe('billing');
  });
  it('moves to the first service when the remembered one is gone, or to none', () => {
    expect(reconciledSelection('gone', ['api', 'billing'])).toBe('api');
    expect(reconciledSelection(null, ['api'])).toBe('api');
    expect(reconciledSelection('api', [])).toBeNull();
  });
});
