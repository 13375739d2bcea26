import { useRef } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentStatus } from '../../../../shared/domain/analysis';
import { cx } from '../../components/cx';
import { formatDateTime, formatPoints, formatRate, formatTimeTick } from './analysis-format';
import styles from './analysis.module.css';
// Notes look the same on every release screen.
import noteStyles from '../releases/releases.module.css';
import { ChartLegend } from './chart-legend';
import { useChartTheme, type ChartTheme } from './chart-theme';
import { ExportPngButton } from './export-png-button';
import {
  EXPERIMENT_TONE,
  experimentSentence,
  formatConfidence,
  formatCount,
  formatPValue,
  intervalGeometry,
  stillNeededText,
  type ExperimentTone
} from './experiment-format';
import { pngFileName, type LegendEntry } from './png-export';
import { timeTicks, valueTicks } from './series-shaping';

const TONE_CLASS: Readonly<Record<ExperimentTone, string | undefined>> = {
  good: styles.pass,
  bad: styles.fail,
  waiting: styles.inconclusive,
  neutral: styles.neutral
};

const DESIGN_TEXT = { sequential: 'Sequential', 'fixed-horizon': 'Fixed horizon' } as const;

/** B − A with its confidence interval on a strip centred on zero, ± the minimum effect marked. */
function IntervalStrip({ status }: { readonly status: ExperimentStatus }) {
  const geometry = intervalGeometry(status.difference, status.minimumEffect);
  const label = `B − A: ${formatPoints(status.difference.estimate)}, ${formatConfidence(status.confidence)} interval ${formatPoints(status.difference.low)} to ${formatPoints(status.difference.high)}`;
  return (
    <figure className={styles.interval} data-testid="experiment-interval">
      <figcaption className={styles.faint}>Difference B − A with its {formatConfidence(status.confidence)} confidence interval</figcaption>
      <div className={styles.strip} role="img" aria-label={label}>
        {geometry.minimumEffect && (
          <span
            className={styles.stripEffect}
            style={{ left: `${geometry.minimumEffect.below}%`, width: `${geometry.minimumEffect.above - geometry.minimumEffect.below}%` }}
            title={`Within ±${formatPoints(status.minimumEffect).slice(1)} (the minimum effect): too small to matter`}
          />
        )}
        <span className={styles.stripZero} style={{ left: `${geometry.zero}%` }} />
        <span className={cx(styles.stripInterval, TONE_CLASS[EXPERIMENT_TONE[status.verdict]])} style={{ left: `${geometry.low}%`, width: `${Math.max(0.5, geometry.high - geometry.low)}%` }} />
        <span className={styles.stripEstimate} style={{ left: `${geometry.estimate}%` }} />
      </div>
      <div className={styles.stripScale} aria-hidden="true">
        <span>{formatPoints(-geometry.extent)}</span>
        <span>0</span>
        <span>{formatPoints(geometry.extent)}</span>
      </div>
    </figure>
  );
}

function ratesLegend(theme: ChartTheme): LegendEntry[] {
  return [
    { label: 'A (control)', color: theme.baseline, mark: 'line' },
    { label: 'B', color: theme.canary, mark: 'line' }
  ];
}

/** Both variants' conversion rates over time. */
function RatesChart({ status, theme }: { readonly status: ExperimentStatus; readonly theme: ChartTheme }) {
  const plot = useRef<HTMLDivElement>(null);
  const rows = status.series;
  const first = rows[0]?.at ?? 0;
  const domain: [number, number] = [first, rows.at(-1)?.at ?? first];
  const rates = rows.flatMap((row) => [row.a, row.b]).filter(Number.isFinite);
  const values = valueTicks([0, Math.max(...rates, 0.01) * 1.08]);
  const axisText = { fill: theme.muted, fontSize: 11 };
  const legend = ratesLegend(theme);
  return (
    <div className={styles.metric} data-testid="experiment-chart">
      <header className={styles.metricHeader}>
        <h3 className={styles.metricName}>Conversion rate over time</h3>
        <span className="spacer" />
        <ExportPngButton
          plot={plot}
          title="Conversion rate over time"
          subtitle={`A/B experiment · ${status.service} · ${status.environment}`}
          legend={legend}
          fileName={pngFileName(['shipdeck', 'experiment', status.service, status.environment])}
          theme={theme}
        />
      </header>
      <ChartLegend entries={legend} />
      {rows.length < 2 ? (
        <p className={styles.faint}>Not enough measurements yet to draw the rates over time.</p>
      ) : (
        <div className={styles.chart} ref={plot}>
          <LineChart data={rows} responsive style={{ width: '100%', height: 220 }} margin={{ top: 10, right: 16, bottom: 0, left: 4 }}>
            <CartesianGrid stroke={theme.grid} vertical={false} />
            <XAxis dataKey="at" type="number" domain={domain} ticks={timeTicks(domain)} tickFormatter={(value: number) => formatTimeTick(value, domain[1] - domain[0])} stroke={theme.axis} tick={axisText} />
            <YAxis domain={values.domain} ticks={values.ticks} tickFormatter={(value: number) => formatRate(value).replace('.00 ', ' ')} stroke={theme.axis} tick={axisText} width={62} />
            <Line dataKey="a" name="A" stroke={theme.baseline} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line dataKey="b" name="B" stroke={theme.canary} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Tooltip
              isAnimationActive={false}
              content={({ label }) => {
                const row = rows.find((entry) => entry.at === label);
                return row ? (
                  <div className={styles.tooltip}>
                    <p className={styles.tooltipTime}>{formatDateTime(row.at)}</p>
                    <dl>
                      <dt>A</dt>
                      <dd>{formatRate(row.a)}</dd>
                      <dt>B</dt>
                      <dd>{formatRate(row.b)}</dd>
                    </dl>
                  </div>
                ) : null;
              }}
            />
          </LineChart>
        </div>
      )}
    </div>
  );
}

/**
 * An A/B experiment: each variant's conversion rate, the difference with its confidence interval, the
 * verdict, how many visitors are still needed, how peeking is guarded, and the rates over time.
 */
export function ExperimentView({ status }: { readonly status: ExperimentStatus }) {
  const theme = useChartTheme();
  const tone = EXPERIMENT_TONE[status.verdict];
  return (
    <div className={styles.analysis} data-testid="experiment" data-verdict={status.verdict}>
      <div className={styles.experimentVerdict}>
        <span className={cx(styles.badge, styles.bigBadge, TONE_CLASS[tone])} data-testid="experiment-verdict">
          {status.verdict}
        </span>
        <p data-testid="experiment-sentence">{experimentSentence(status)}</p>
      </div>
      <div className={styles.variants}>
        {status.variants.map((variant) => (
          <div key={variant.variant} className={styles.variant} data-testid="experiment-variant" data-variant={variant.variant}>
            <span className={styles.variantName} style={{ color: variant.variant === 'A' ? theme.baseline : theme.canary }}>
              {variant.variant === 'A' ? 'A (control)' : 'B'}
            </span>
            <span className={styles.variantRate}>{formatRate(variant.rate)}</span>
            <span className={styles.faint}>
              {formatCount(variant.conversions)} of {formatCount(variant.visitors)} visitors converted
            </span>
          </div>
        ))}
        <IntervalStrip status={status} />
      </div>
      <dl className={styles.experimentFacts}>
        <dt>Design</dt>
        <dd>{DESIGN_TEXT[status.design]}</dd>
        <dt>Confidence</dt>
        <dd>{formatConfidence(status.confidence)}</dd>
        <dt>p-value</dt>
        <dd>{formatPValue(status.pValue).replace(/^p (= )?/, '')}</dd>
        <dt>Minimum effect</dt>
        <dd>{formatPoints(status.minimumEffect).replace('+', '±')}</dd>
        <dt>Visitors</dt>
        <dd data-testid="experiment-still-needed">{stillNeededText(status)}</dd>
      </dl>
      <p className={cx(noteStyles.note, noteStyles.noteInfo)} data-testid="peeking-guard">
        <span className={noteStyles.noteTitle}>Peeking: </span>
        {status.peekingGuard}
      </p>
      <RatesChart status={status} theme={theme} />
    </div>
  );
}
