import type { StrategyStep } from '../../../../shared/domain/releases';
import { cx } from '../../components/cx';
import detailStyles from './detail.module.css';
import { stepWeight } from './release-format';

const STATE_GLYPH: Readonly<Record<StrategyStep['state'], string>> = { done: '✓', current: '◐', pending: '○', failed: '✕', skipped: '–' };

/** The strategy's steps in order (batches, canary weights, switch), each with its traffic weight and state. */
export function StrategySteps({ steps }: { readonly steps: readonly StrategyStep[] }) {
  return (
    <ol className={detailStyles.steps} aria-label="Strategy steps">
      {steps.map((step, index) => (
        <li key={`${index}-${step.label}`} className={cx(detailStyles.step, detailStyles[`step-${step.state}`])} data-testid="strategy-step" data-state={step.state}>
          <span className={detailStyles.stepGlyph} aria-hidden="true">
            {STATE_GLYPH[step.state]}
          </span>
          <span className={detailStyles.stepLabel}>{step.label}</span>
          {stepWeight(step) && <span className={detailStyles.stepWeight}>{stepWeight(step)}</span>}
          <span className="visually-hidden">({step.state})</span>
        </li>
      ))}
    </ol>
  );
}
