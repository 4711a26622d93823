/** One problem in a user's input: which file, which field, what was expected. */
export interface Problem {
  readonly file?: string;
  /** Dotted field path, e.g. "grid.width" or "factors[2].path". Empty for the whole file. */
  readonly path?: string;
  readonly message: string;
}

/**
 * An error caused by the user's input, not by a bug. The CLI prints one line per problem
 * (`file: field: message`) and exits with code 2, without a stack trace.
 */
export class UserError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: Problem | readonly Problem[]) {
    const list = Array.isArray(problems) ? (problems as readonly Problem[]) : [problems as Problem];
    super(list.map(formatProblem).join('\n'));
    this.name = 'UserError';
    this.problems = list;
  }
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.path].filter((s) => s !== undefined && s !== '').join(': ');
  return where ? `${where}: ${p.message}` : p.message;
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/**
 * The user asked to stop (Ctrl-C, SIGTERM). Thrown through the layers so that each can finish or
 * remove what it was writing; the CLI exits 130 (SIGINT) or 143 (SIGTERM).
 */
export class Interrupted extends Error {
  constructor(readonly signal: 'SIGINT' | 'SIGTERM' = 'SIGINT') {
    super(`interrupted (${signal})`);
    this.name = 'Interrupted';
  }

  get exitCode(): number {
    return this.signal === 'SIGINT' ? 130 : 143;
  }
}
