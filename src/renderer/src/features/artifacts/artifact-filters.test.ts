import { describe, expect, it } from 'vitest';
import { isFiltered, listInput, NO_FILTERS } from './artifact-filters';

describe('artifact filters', () => {
  it('sends only what is set, with whole UTC days for the date range', () => {
    expect(listInput(NO_FILTERS, 100)).toEqual({ status: 'all', sort: 'newest', limit: 100 });
    expect(listInput({ ...NO_FILTERS, search: '  1.2 ', service: 'api', from: '2026-03-01', to: '2026-03-31', status: 'live', sort: 'version' }, 50)).toEqual({
      status: 'live',
      sort: 'version',
      limit: 50,
      search: '1.2',
      service: 'api',
      createdFrom: '2026-03-01T00:00:00.000Z',
      createdTo: '2026-04-01T00:00:00.000Z'
    });
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, sort: 'oldest' })).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, status: 'pruned' })).toBe(true);
  });
});
