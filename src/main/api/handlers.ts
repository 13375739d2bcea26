import type { CallName, CallOutput, ValidInput } from '../../shared/contract';

/** One handler per contract call: receives validated input, returns the call's result type. */
export type Handlers = {
  readonly [N in CallName]: (input: ValidInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;
};
