import type { AppErrorData } from '../../../shared/result';

/** A call's error as thrown to the query layer, carrying the core's error data (code, message, hint). */
export class CallError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.data = data;
  }
}
