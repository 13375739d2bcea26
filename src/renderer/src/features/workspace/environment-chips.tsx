import type { Environment, TargetKind } from '../../../../shared/domain/workspace';
import { cx } from '../../components/cx';
import { Icon } from '../../components/icon';
import styles from './environment-chips.module.css';

const KIND_CLASS: Readonly<Record<TargetKind, string | undefined>> = {
  docker: styles.docker,
  kubernetes: styles.kubernetes,
  gitops: styles.gitops
};

/** Environments in promotion order, each with its target kind and whether it needs approval. */
export function EnvironmentChips({ environments }: { readonly environments: readonly Environment[] }) {
  const ordered = [...environments].sort((a, b) => a.position - b.position);
  return (
    <ol className={styles.chips} aria-label="Environments in promotion order">
      {ordered.map((env, i) => (
        <li key={env.name} className={styles.item}>
          {i > 0 && <Icon name="arrow" className={styles.arrow} />}
          <span className={styles.chip}>
            <span className={styles.name}>{env.name}</span>
            <span className={cx(styles.kind, KIND_CLASS[env.targetKind])}>{env.targetKind}</span>
            {env.requiresApproval && (
              <span className={styles.approval} title="Requires manual approval before a deploy">
                <Icon name="lock" />
                <span className="visually-hidden">requires approval</span>
              </span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
