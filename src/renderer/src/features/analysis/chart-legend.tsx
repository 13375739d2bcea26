import type { MetricThresholds } from '../../../../shared/domain/analysis';
import { formatRelativeThreshold } from './analysis-format';
import styles from './analysis.module.css';
import type { ChartTheme } from './chart-theme';
import { BAND_OPACITY, type LegendEntry } from './png-export';

/** What a metric chart draws, for its legend on screen and in the exported image. */
export function legendEntries(
  theme: ChartTheme,
  thresholds: MetricThresholds,
  shows: { readonly breach: boolean; readonly failedMeasurements: boolean; readonly failedHere: boolean; readonly failedElsewhere: boolean }
): LegendEntry[] {
  const entries: LegendEntry[] = [
    { label: 'baseline', color: theme.baseline, mark: 'line' },
    { label: 'canary', color: theme.canary, mark: 'line' }
  ];
  if (thresholds.absolute !== undefined) entries.push({ label: 'absolute limit', color: theme.threshold, mark: 'dashed' });
  if (thresholds.relative !== undefined) entries.push({ label: formatRelativeThreshold(thresholds.relative), color: theme.threshold, mark: 'dashed' });
  if (shows.failedHere) entries.push({ label: 'failed on this metric', color: theme.fail, mark: 'medium-band' });
  if (shows.breach) entries.push({ label: 'canary beyond a threshold', color: theme.breach, mark: 'band' });
  if (shows.failedElsewhere) entries.push({ label: 'step failed on another metric', color: theme.fail, mark: 'faint-band' });
  if (shows.failedMeasurements) entries.push({ label: 'failed measurement', color: theme.fail, mark: 'cross' });
  return entries;
}

function Swatch({ entry }: { readonly entry: LegendEntry }) {
  const common = { stroke: entry.color, strokeWidth: 2, fill: 'none' };
  return (
    <svg width="18" height="10" aria-hidden="true" className={styles.swatch}>
      {entry.mark === 'line' && <line x1="0" y1="5" x2="18" y2="5" {...common} />}
      {entry.mark === 'dashed' && <line x1="0" y1="5" x2="18" y2="5" {...common} strokeDasharray="5 3" />}
      {(entry.mark === 'band' || entry.mark === 'medium-band' || entry.mark === 'faint-band') && (
        <rect x="0" y="0" width="18" height="10" fill={entry.color} fillOpacity={BAND_OPACITY[entry.mark]} stroke={entry.color} strokeOpacity={0.25} />
      )}
      {entry.mark === 'cross' && <path d="M5,1 l8,8 m0,-8 l-8,8" {...common} />}
    </svg>
  );
}

export function ChartLegend({ entries }: { readonly entries: readonly LegendEntry[] }) {
  return (
    <ul className={styles.legend} aria-label="Legend">
      {entries.map((entry) => (
        <li key={entry.label}>
          <Swatch entry={entry} />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
