import { Icon } from '../../components/icon';
import type { Environment } from '../../../../shared/domain/workspace';

/** Environments in promotion order, each with its target kind and whether it needs approval. */
export function EnvironmentChips({ environments }: { readonly environments: readonly Environment[] }) {
  const ordered = [...environments].sort((a, b) => a.position - b.position);
  return (
    <ol className="env-chips" aria-label="Environments in promotion order">
      {ordered.map((env, i) => (
        <li key={env.name} className="env-chip-item">
          {i > 0 && <Icon name="arrow" className="env-arrow" />}
          <span className={`env-chip kind-${env.targetKind}`}>
            <span className="env-name">{env.name}</span>
            <span className="env-kind">{env.targetKind}</span>
            {env.requiresApproval && (
              <span className="env-approval" title="Requires manual approval before a deploy">
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
