import type { z } from 'zod';
import { calls, isCallName } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { Handlers } from './handlers';
import { toErrorData } from './error-data';

/**
 * The one entry point for every call from every transport (Electron IPC, browser mode, CLI): checks
 * the call name, validates the input against the contract, runs the handler, and always answers with
 * an envelope. `signal` fires when the caller gives up; it reaches the handler and the ports.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  input: unknown,
  signal: AbortSignal = new AbortController().signal
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return fail({
      code: 'UNKNOWN_CALL',
      message: `"${String(name).slice(0, 80)}" is not a Shipdeck call.`,
      hint: 'The app and its backend may be from different versions: restart Shipdeck.'
    });
  }
  const parsed = calls[name].input.safeParse(input ?? {});
  if (!parsed.success) return fail(invalidInput(parsed.error.issues));
  try {
    // The contract ties each name to its schema and handler; TypeScript cannot follow that through the
    // union of names, so the pairing is asserted once here.
    const handler = handlers.calls[name] as (validated: unknown, context: { signal: AbortSignal }) => unknown;
    return ok(await handler(parsed.data, { signal }));
  } catch (error) {
    return fail(toErrorData(error, name, signal));
  }
}

export function invalidInput(issues: readonly z.core.$ZodIssue[]) {
  return {
    code: 'INVALID_INPUT' as const,
    message: issues
      .slice(0, 5)
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; '),
    hint: 'Correct the value named above and try again.'
  };
}
