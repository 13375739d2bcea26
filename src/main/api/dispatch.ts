import type { z } from 'zod';
import { calls, isCallName } from '../../shared/contract';
import { AppError, fail, ok, type Result } from '../../shared/result';
import type { Handlers } from './handlers';

/**
 * The one entry point for every transport (Electron IPC, browser mode, CLI): checks the call name,
 * validates the input against the contract, runs the handler, and always answers with an envelope.
 */
export async function dispatch(handlers: Handlers, name: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return fail({
      code: 'UNKNOWN_CALL',
      message: `"${String(name).slice(0, 80)}" is not a Shipdeck call.`,
      hint: 'The app and its backend may be from different versions: restart Shipdeck.'
    });
  }
  const parsed = calls[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    return fail({ code: 'INVALID_INPUT', message: describeIssues(parsed.error.issues), hint: 'Correct the value named above and try again.' });
  }
  try {
    // The contract ties each name to its schema and handler; TypeScript cannot follow that through the
    // union of names, so the pairing is asserted once here.
    const handler = handlers[name] as (validated: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    return fail(toErrorData(error, name));
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function toErrorData(error: unknown, callName: string) {
  if (error instanceof AppError) return error.toData();
  console.error(`[shipdeck] ${callName} failed unexpectedly:`, error);
  return {
    code: 'INTERNAL' as const,
    message: `Shipdeck hit an unexpected error in ${callName}: ${error instanceof Error ? error.message : String(error)}`,
    hint: 'The rest of the app still works. If it happens again, the log has the details.'
  };
}
