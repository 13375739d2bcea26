/** Exhaustiveness check for discriminated unions: a new member that is not handled fails to compile. */
export function assertNever(value: never, context = 'value'): never {
  throw new Error(`Unexpected ${context}: ${JSON.stringify(value)}`);
}
