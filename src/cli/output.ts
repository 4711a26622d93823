/**
 * All command output goes through here, looked up on `process` at call time so that tests
 * can capture it by spying on `process.stdout.write` / `process.stderr.write`.
 */
export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Machine-readable output: one JSON document on stdout; non-finite numbers become null. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Short human form of a number for summaries (files keep full precision). */
export function formatForHumans(value: unknown): string {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}
