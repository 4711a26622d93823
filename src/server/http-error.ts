import type { Problem } from '../errors.js';

/** A refusal the API answers as `{"error": {code, message, problems?}}` with a 4xx status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: readonly Problem[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly problems?: readonly Problem[] };
}

export function errorBody(code: string, message: string, problems?: readonly Problem[]): ErrorBody {
  return { error: problems && problems.length > 0 ? { code, message, problems } : { code, message } };
}
