import type { CallInput } from '../../../../shared/contract';
import type { ArtifactSort, ArtifactStatusFilter } from '../../../../shared/domain/artifact-catalog';

/** What the user chose in the filter band; dates are `YYYY-MM-DD` from the date inputs (UTC days). */
export interface ArtifactFilterState {
  readonly search: string;
  readonly service: string;
  readonly status: ArtifactStatusFilter;
  readonly from: string;
  readonly to: string;
  readonly sort: ArtifactSort;
}

export const NO_FILTERS: ArtifactFilterState = { search: '', service: '', status: 'all', from: '', to: '', sort: 'newest' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day after a `YYYY-MM-DD` day, so "to" includes the whole day it names. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

/** The artifacts.list input for the filters (without cursor): only what is set. */
export function listInput(filters: ArtifactFilterState, pageSize: number): CallInput<'artifacts.list'> {
  const search = filters.search.trim();
  return {
    status: filters.status,
    sort: filters.sort,
    limit: pageSize,
    ...(search ? { search } : {}),
    ...(filters.service ? { service: filters.service } : {}),
    ...(DAY.test(filters.from) ? { createdFrom: `${filters.from}T00:00:00.000Z` } : {}),
    ...(DAY.test(filters.to) ? { createdTo: nextDay(filters.to) } : {})
  };
}

export const isFiltered = (filters: ArtifactFilterState): boolean =>
  filters.search.trim() !== '' || filters.service !== '' || filters.status !== 'all' || filters.from !== '' || filters.to !== '';
