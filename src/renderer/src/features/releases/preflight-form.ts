/** What the rollback dialog lets a person confirm, given the pre-flight and what they typed. */
import type { CallInput } from '../../../../shared/contract';
import type { RollbackPreflight } from '../../../../shared/domain/releases';

/** The core refuses a shorter override reason; the dialog says so before it is sent. */
export const MIN_OVERRIDE_LENGTH = 10;

export type ConfirmState =
  | { readonly kind: 'ready'; readonly override: boolean }
  | { readonly kind: 'needs-override'; readonly missing: number }
  | { readonly kind: 'blocked'; readonly why: string };

/**
 * Whether "Roll back" may be pressed: a clean or warned pre-flight, yes; one blocked only by migrations,
 * once an override reason of at least 10 characters is typed ("Roll back anyway"); anything else, no.
 */
export function confirmState(preflight: Pick<RollbackPreflight, 'blocked' | 'overridable' | 'checks'>, overrideReason: string): ConfirmState {
  if (!preflight.blocked) return { kind: 'ready', override: false };
  if (!preflight.overridable) {
    const blocking = preflight.checks.filter((check) => check.status === 'blocked').map((check) => check.title);
    return { kind: 'blocked', why: blocking.length ? `Blocked: ${blocking.join('; ')}.` : 'The pre-flight is blocked.' };
  }
  const typed = overrideReason.trim().length;
  return typed >= MIN_OVERRIDE_LENGTH ? { kind: 'ready', override: true } : { kind: 'needs-override', missing: MIN_OVERRIDE_LENGTH - typed };
}

/**
 * The rollback call for what the dialog shows: always the artifact the pre-flight checked (named, so a
 * release that lands meanwhile cannot change what is rolled back to), the reasons typed (blank ones left out).
 */
export function rollbackInput(
  preflight: Pick<RollbackPreflight, 'service' | 'environment' | 'to'>,
  reason: string,
  overrideReason: string,
  state: ConfirmState
): CallInput<'releases.rollback'> {
  const trimmedReason = reason.trim();
  return {
    service: preflight.service,
    environment: preflight.environment,
    toDigest: preflight.to.digest,
    ...(trimmedReason ? { reason: trimmedReason } : {}),
    ...(state.kind === 'ready' && state.override ? { overrideReason: overrideReason.trim() } : {})
  };
}
