import type { AnalysisRole } from '../../../../shared/domain/analysis';
import { CopyButton } from '../history/copy-button';
import styles from './analysis.module.css';

const ROLES: readonly AnalysisRole[] = ['baseline', 'canary'];

/** The PromQL as it was sent, per role (placeholders filled), each copyable to paste into Prometheus. */
export function RawQuery({ metric, template, rendered }: { readonly metric: string; readonly template: string; readonly rendered: Readonly<Record<AnalysisRole, string>> }) {
  return (
    <details className={styles.query} data-testid="raw-query">
      <summary>Query</summary>
      <dl>
        {ROLES.map((role) => (
          <div key={role} className={styles.queryRow}>
            <dt>{role}</dt>
            <dd>
              <code className={styles.queryText} data-role={role}>
                {rendered[role]}
              </code>
              <CopyButton text={rendered[role]} label={`Copy the ${role} query of ${metric}`} />
            </dd>
          </div>
        ))}
        <div className={styles.queryRow}>
          <dt>template</dt>
          <dd>
            <code className={styles.queryText}>{template}</code>
          </dd>
        </div>
      </dl>
    </details>
  );
}
