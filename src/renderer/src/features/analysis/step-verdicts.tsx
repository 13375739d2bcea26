import type { AnalysisStep } from '../../../../shared/domain/analysis';
import { formatClock, formatDuration, formatJudgeNumber, numberLabel, splitNumbers } from './analysis-format';
import styles from './analysis.module.css';
import { VerdictBadge } from './verdict-badge';

function NumberList({ entries, unit }: { readonly entries: readonly [string, number | null][]; readonly unit: string | undefined }) {
  return (
    <div className={styles.numberList}>
      {entries.map(([key, value]) => (
        <span key={key} className={styles.number}>
          <span className={styles.faint}>{numberLabel(key)}</span> {formatJudgeNumber(key, value, unit)}
        </span>
      ))}
    </div>
  );
}

/** The numbers behind a metric's verdict: the ones read first, the test details a click away. */
function Numbers({ numbers, unit }: { readonly numbers: Readonly<Record<string, number | null>>; readonly unit: string | undefined }) {
  const { first, more } = splitNumbers(numbers);
  return (
    <>
      <NumberList entries={first} unit={unit} />
      {more.length > 0 && (
        <details className={styles.moreNumbers}>
          <summary>{more.length} more numbers</summary>
          <NumberList entries={more} unit={unit} />
        </details>
      )}
    </>
  );
}

/**
 * Each canary step as the judge saw it: weight, when and how long, its verdict and the sentence that
 * says why, its warnings, and per metric the numbers behind the verdict.
 */
export function StepVerdicts({
  steps,
  now,
  live,
  units
}: {
  readonly steps: readonly AnalysisStep[];
  readonly now: number;
  /** The release is under way: a step without an end is running (otherwise it stopped without a verdict). */
  readonly live: boolean;
  /** Each metric's unit, so its measurements read as on its chart. */
  readonly units: ReadonlyMap<string, string>;
}) {
  return (
    <ol className={styles.steps} data-testid="step-verdicts">
      {steps.map((step) => (
        <li key={step.step} className={styles.step} data-testid="step-verdict" data-step={step.step} data-verdict={step.verdict?.verdict ?? 'running'}>
          <div className={styles.stepHeader}>
            <span className={styles.stepTitle}>
              Step {step.step} · {step.weight} % on the canary
            </span>
            <span className={styles.faint}>
              {formatClock(step.startedAt)}
              {step.endedAt !== null
                ? ` – ${formatClock(step.endedAt)} · ${formatDuration(step.endedAt - step.startedAt)}`
                : live
                  ? ` · running for ${formatDuration(now - step.startedAt)}`
                  : ' · stopped before its window ended'}
            </span>
            <span className="spacer" />
            {step.verdict ? <VerdictBadge verdict={step.verdict.verdict} /> : live && step.endedAt === null ? <VerdictBadge verdict="running" /> : <span className={styles.faint}>no verdict</span>}
          </div>
          {step.verdict ? (
            <>
              <p className={styles.reason}>{step.verdict.reason}</p>
              {step.verdict.warnings.length > 0 && (
                <ul className={styles.warnings} aria-label="Warnings">
                  {step.verdict.warnings.map((warning) => (
                    <li key={warning}>⚠ {warning}</li>
                  ))}
                </ul>
              )}
              {step.verdict.metrics.length > 0 && (
                <table className={styles.numbers}>
                  <caption className="visually-hidden">The numbers behind step {step.step}</caption>
                  <tbody>
                    {step.verdict.metrics.map((metric) => (
                      <tr key={metric.metric} data-testid="step-metric" data-metric={metric.metric}>
                        <th scope="row">{metric.metric}</th>
                        <td>
                          <VerdictBadge verdict={metric.verdict} />
                        </td>
                        <td>
                          <Numbers numbers={metric.numbers} unit={units.get(metric.metric)} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          ) : (
            <p className={styles.faint}>
              {live && step.endedAt === null
                ? 'The judge decides when the step’s window ends, or sooner if the canary is clearly broken.'
                : 'No verdict was recorded for this step: the release stopped before the judge decided.'}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
