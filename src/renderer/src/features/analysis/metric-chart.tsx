import { useMemo, type Ref } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Verdict } from '../../../../shared/domain/analysis';
import { formatAxisValue, formatDateTime, formatDuration, formatMetricValue, formatTimeTick, significant } from './analysis-format';
import styles from './analysis.module.css';
import type { ChartTheme } from './chart-theme';
import { BAND_OPACITY } from './png-export';
import type { ChartRow, ShapedMetricChart } from './series-shaping';

export interface MetricChartProps {
  readonly name: string;
  readonly unit: string;
  readonly shaped: ShapedMetricChart;
  /** The release is under way: a step without an end is running (marked "…"). */
  readonly live: boolean;
  readonly theme: ChartTheme;
  /** Charts with the same id show their tooltips at the same moment. */
  readonly syncId?: string;
  /** The element holding the SVG, for the PNG export. */
  readonly containerRef?: Ref<HTMLDivElement>;
}

const GLYPH: Readonly<Record<Verdict, string>> = { pass: '✓', fail: '✗', inconclusive: '?' };

const verdictColor = (theme: ChartTheme, verdict: Verdict | null): string =>
  verdict === 'pass' ? theme.pass : verdict === 'fail' ? theme.fail : verdict === 'inconclusive' ? theme.inconclusive : theme.running;

function ChartTooltip({ label, rows, unit, start }: { readonly label: string | number | undefined; readonly rows: ReadonlyMap<number, ChartRow>; readonly unit: string; readonly start: number }) {
  const row = typeof label === 'number' ? rows.get(label) : undefined;
  if (!row) return null;
  const ratio = row.baseline && row.canary !== null ? row.canary / row.baseline : null;
  const limit = row.relativeUpper ?? row.relativeLower;
  return (
    <div className={styles.tooltip}>
      <p className={styles.tooltipTime}>
        {formatDateTime(row.t)} <span className={styles.faint}>· +{formatDuration(row.t - start)}</span>
      </p>
      <dl>
        <dt>baseline</dt>
        <dd>{row.baselineFailed ? 'measurement failed' : formatMetricValue(row.baseline, unit)}</dd>
        <dt>canary</dt>
        <dd className={row.breach ? styles.breachText : undefined}>
          {row.canaryFailed ? 'measurement failed' : formatMetricValue(row.canary, unit)}
          {ratio !== null && Number.isFinite(ratio) && <span className={styles.faint}> (×{significant(ratio, 2)})</span>}
        </dd>
        {limit !== null && (
          <>
            <dt>relative limit</dt>
            <dd>{formatMetricValue(limit, unit)}</dd>
          </>
        )}
      </dl>
      {row.breach && <p className={styles.breachText}>Beyond the threshold</p>}
    </div>
  );
}

/**
 * One metric, canary against baseline over time: the thresholds (a fixed line, and the baseline × factor
 * as a dashed series), where the canary crossed them (shaded), failed measurements (crosses at the
 * bottom), and each step's boundary labelled with its weight and coloured by its verdict.
 */
export function MetricChart({ name, unit, shaped, live, theme, syncId = 'canary-analysis', containerRef }: MetricChartProps) {
  const { rows, domain, ticks, values, absolute, breaches, failedHere, failedElsewhere, markers } = shaped;
  const byTime = useMemo(() => new Map(rows.map((row) => [row.t, row])), [rows]);
  const absoluteValue = absolute.upper ?? absolute.lower;
  const hasUpper = rows.some((row) => row.relativeUpper !== null);
  const hasLower = rows.some((row) => row.relativeLower !== null);
  const axisText = { fill: theme.muted, fontSize: 11 };

  return (
    <div className={styles.chart} ref={containerRef} data-testid="metric-chart-plot">
      <ComposedChart
        data={rows}
        responsive
        style={{ width: '100%', height: 240 }}
        margin={{ top: 18, right: 16, bottom: 0, left: 4 }}
        syncId={syncId}
        title={`${name}: canary against baseline`}
      >
        <CartesianGrid stroke={theme.grid} vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={domain}
          ticks={ticks}
          tickFormatter={(value: number) => formatTimeTick(value, domain[1] - domain[0])}
          stroke={theme.axis}
          tick={axisText}
          allowDataOverflow
        />
        <YAxis domain={values.domain} ticks={values.ticks} tickFormatter={(value: number) => formatAxisValue(value, unit)} stroke={theme.axis} tick={axisText} width={58} allowDataOverflow />
        {failedElsewhere.map((span) => (
          <ReferenceArea key={`failed-elsewhere-${span.x1}`} x1={span.x1} x2={span.x2} fill={theme.fail} fillOpacity={BAND_OPACITY['faint-band']} stroke="none" ifOverflow="hidden" />
        ))}
        {failedHere.map((span) => (
          <ReferenceArea key={`failed-here-${span.x1}`} x1={span.x1} x2={span.x2} fill={theme.fail} fillOpacity={BAND_OPACITY['medium-band']} stroke="none" ifOverflow="hidden" />
        ))}
        {breaches.map((region) => (
          <ReferenceArea key={`breach-${region.x1}`} x1={region.x1} x2={region.x2} fill={theme.breach} fillOpacity={BAND_OPACITY.band} stroke="none" ifOverflow="hidden" />
        ))}
        {markers.map((marker) => (
          <ReferenceLine
            key={`step-${marker.step}`}
            x={marker.x}
            stroke={verdictColor(theme, marker.verdict)}
            strokeDasharray="3 3"
            label={{
              value: `${marker.label} ${marker.verdict ? GLYPH[marker.verdict] : marker.running && live ? '…' : ''}`.trim(),
              position: 'insideTopLeft',
              offset: 4,
              fill: verdictColor(theme, marker.verdict),
              fontSize: 11,
              fontWeight: 600
            }}
          />
        ))}
        {absoluteValue !== null && (
          <ReferenceLine
            y={absoluteValue}
            stroke={theme.threshold}
            strokeDasharray="6 4"
            label={{ value: `limit ${formatMetricValue(absoluteValue, unit)}`, position: 'insideBottomRight', fill: theme.threshold, fontSize: 11 }}
          />
        )}
        {hasUpper && (
          <Line type="stepBefore" dataKey="relativeUpper" name="relative limit" stroke={theme.threshold} strokeDasharray="4 3" strokeWidth={1.25} dot={false} activeDot={false} connectNulls isAnimationActive={false} />
        )}
        {hasLower && (
          <Line type="stepBefore" dataKey="relativeLower" name="relative floor" stroke={theme.threshold} strokeDasharray="4 3" strokeWidth={1.25} dot={false} activeDot={false} connectNulls isAnimationActive={false} />
        )}
        <Line dataKey="baseline" name="baseline" stroke={theme.baseline} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
        <Line dataKey="canary" name="canary" stroke={theme.canary} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
        {rows
          .filter((row) => row.canaryFailed || row.baselineFailed)
          .map((row) => (
            <ReferenceDot
              key={`failed-${row.t}`}
              x={row.t}
              y={values.domain[0]}
              r={4}
              ifOverflow="visible"
              shape={({ cx, cy }: { cx?: number; cy?: number }) => <FailedMark x={cx ?? 0} y={cy ?? 0} color={theme.fail} />}
            />
          ))}
        <Tooltip content={({ label }) => <ChartTooltip label={label} rows={byTime} unit={unit} start={domain[0]} />} isAnimationActive={false} />
      </ComposedChart>
    </div>
  );
}

function FailedMark({ x, y, color }: { readonly x: number; readonly y: number; readonly color: string }) {
  return <path d={`M${x - 4},${y - 10} l8,8 m0,-8 l-8,8`} stroke={color} strokeWidth={2} fill="none" />;
}
