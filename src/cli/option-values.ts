import type { Problem } from '../errors.js';

/** Commander accumulator for repeatable options (`--set a=1 --set b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Commander accumulator for repeatable id lists: `--disable M1 --disable M6` or `--disable M1,M6`. */
export function collectIds(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/**
 * Reads a whole-number option; on bad input records a problem (so all bad options are reported
 * together) and returns undefined.
 */
export function wholeNumberOption(text: string | undefined, option: string, min: number, problems: Problem[], max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min) {
    problems.push({ path: option, message: `expected a whole number of at least ${min}, found "${text}"` });
    return undefined;
  }
  if (value > max) {
    problems.push({ path: option, message: `expected a whole number of at most ${max}, found "${text}"; give a smaller one` });
    return undefined;
  }
  return value;
}

export function numberOption(text: string | undefined, option: string, problems: Problem[]): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    problems.push({ path: option, message: `expected a number, found "${text}"` });
    return undefined;
  }
  return value;
}

/** `--disable` ids the model does not have, as problems naming the ids it does have. */
export function disableProblems(model: { readonly id: string; readonly mechanisms?: readonly { readonly id: string }[] }, disable: readonly string[]): Problem[] {
  const known = (model.mechanisms ?? []).map((m) => m.id);
  const listing = known.length > 0 ? `valid ids are ${known.join(', ')}` : `the ${model.id} model has no mechanisms to switch off`;
  return disable.filter((id) => !known.includes(id)).map((id) => ({ path: '--disable', message: `unknown mechanism "${id}"; ${listing}` }));
}
