import { ARTIFACT_SORTS, ARTIFACT_STATUS_FILTERS, type ArtifactSort, type ArtifactStatusFilter } from '../../../../shared/domain/artifact-catalog';
import type { Service } from '../../../../shared/domain/workspace';
import { Button } from '../../components/button';
import type { ArtifactFilterState } from './artifact-filters';
import styles from './artifacts.module.css';

const SORT_LABELS: Readonly<Record<ArtifactSort, string>> = { newest: 'Newest first', oldest: 'Oldest first', version: 'By version' };
const STATUS_LABELS: Readonly<Record<ArtifactStatusFilter, string>> = { all: 'Live and pruned', live: 'Live', pruned: 'Pruned' };

interface FilterBandProps {
  readonly filters: ArtifactFilterState;
  readonly services: readonly Service[];
  readonly onChange: (next: ArtifactFilterState) => void;
  readonly onClear: (() => void) | undefined;
}

/** Search box, service, status, date range and sort: every change is a new query. */
export function FilterBand({ filters, services, onChange, onClear }: FilterBandProps) {
  const set = <K extends keyof ArtifactFilterState>(key: K, value: ArtifactFilterState[K]) => onChange({ ...filters, [key]: value });
  return (
    <div className={styles.filters} role="search">
      <input
        className={styles.search}
        type="search"
        aria-label="Search artifacts"
        placeholder="Digest or commit SHA prefix, version, or words of the message"
        value={filters.search}
        onChange={(event) => set('search', event.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <select aria-label="Service" value={filters.service} onChange={(event) => set('service', event.target.value)}>
        <option value="">All services</option>
        {services.map((service) => (
          <option key={service.name} value={service.name}>
            {service.name}
          </option>
        ))}
      </select>
      <select aria-label="Status" value={filters.status} onChange={(event) => set('status', event.target.value as ArtifactStatusFilter)}>
        {ARTIFACT_STATUS_FILTERS.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      <label className={styles.dateField}>
        From <input type="date" aria-label="Built from" value={filters.from} onChange={(event) => set('from', event.target.value)} />
      </label>
      <label className={styles.dateField}>
        to <input type="date" aria-label="Built until" value={filters.to} onChange={(event) => set('to', event.target.value)} />
      </label>
      <select aria-label="Sort" value={filters.sort} onChange={(event) => set('sort', event.target.value as ArtifactSort)}>
        {ARTIFACT_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {SORT_LABELS[sort]}
          </option>
        ))}
      </select>
      {onClear && (
        <Button size="small" variant="ghost" onClick={onClear}>
          Clear
        </Button>
      )}
    </div>
  );
}
