import type { Verdict } from '../../../../shared/domain/analysis';
import { cx } from '../../components/cx';
import { VERDICT_LABEL } from './analysis-format';
import styles from './analysis.module.css';

const TONE: Readonly<Record<Verdict, string | undefined>> = {
  pass: styles.pass,
  fail: styles.fail,
  inconclusive: styles.inconclusive
};

/** A verdict as a word in its colour (the word always says it; the colour only helps). */
export function VerdictBadge({ verdict }: { readonly verdict: Verdict | 'running' }) {
  return (
    <span className={cx(styles.badge, verdict === 'running' ? styles.running : TONE[verdict])} data-testid="verdict" data-verdict={verdict}>
      {verdict === 'running' ? 'Judging…' : VERDICT_LABEL[verdict]}
    </span>
  );
}
