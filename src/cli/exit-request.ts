/**
 * Thrown by a command that has already printed what it needed and wants a particular exit
 * code (e.g. `validate --json` printing problems as JSON and exiting 2).
 */
export class ExitRequest extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = 'ExitRequest';
  }
}
