/** What the artifact operations answer: prune plans and results, registry logins, the offline status. */
import type { ArtifactRow } from './artifact-catalog';
import type { RetentionPolicy } from './retention';

/** One artifact that stays, with every reason in words. */
export interface KeptArtifact {
  readonly artifact: ArtifactRow;
  readonly reasons: readonly string[];
}

/** A dry run: exactly what would go, and why each other live artifact stays. */
export interface PrunePlanView {
  readonly kind: 'plan';
  readonly service: string;
  readonly policy: RetentionPolicy;
  readonly prune: readonly ArtifactRow[];
  readonly keep: readonly KeptArtifact[];
}

export type PruneOutcome =
  | { readonly artifactId: number; readonly digest: string; readonly outcome: 'pruned'; readonly detail: string }
  | { readonly artifactId: number; readonly digest: string; readonly outcome: 'failed'; readonly detail: string };

export interface PruneResult {
  readonly kind: 'result';
  readonly service: string;
  readonly policy: RetentionPolicy;
  readonly outcomes: readonly PruneOutcome[];
  readonly keep: readonly KeptArtifact[];
}

export interface RegistryLogin {
  readonly host: string;
  readonly username: string;
  /** Whether the registry checked the credentials, or lets anyone in (saved, but not checked). */
  readonly checked: boolean;
  /** Printed on login when no OS keychain protects the file; null when one does. */
  readonly warning: string | null;
  /** How the saved secret is protected, in words (the OS keychain and where, or the warning above). */
  readonly protection: string;
}

export interface ReachabilityCheck {
  readonly reachable: boolean;
  /** The engine's version or the registry's auth, or why it did not answer. */
  readonly detail: string;
}

export interface SystemStatus {
  readonly checkedAt: string;
  readonly docker: ReachabilityCheck;
  /** One entry per registry host a service uses. */
  readonly registries: readonly (ReachabilityCheck & { readonly host: string; readonly services: readonly string[] })[];
}
