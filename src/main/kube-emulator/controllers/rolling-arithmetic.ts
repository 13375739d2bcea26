/**
 * The rolling-update arithmetic of the Deployment controller (`pkg/controller/deployment/util`):
 * maxSurge rounds percentages up, maxUnavailable rounds them down, and when both come to zero
 * maxUnavailable becomes 1 so the rollout can still move.
 */
export type IntOrString = number | string;

const PERCENT = /^([0-9]+)%$/;

/** `intstr.GetScaledValueFromIntOrPercent`. */
export function scaledValue(value: IntOrString, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const match = PERCENT.exec(value);
  if (!match) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export function isPercentOrInt(value: unknown): value is IntOrString {
  return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && PERCENT.test(value));
}

/** `deploymentutil.ResolveFenceposts`: the surge and unavailability a rollout of `desired` replicas may use. */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
