import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { describeValue, formatLiteral, typeName } from './describe-value.js';
import { formatPath, isPrefixOfPattern, parsePath, type Segment } from './field-path.js';
import { isPlausibleTypo, nearestWord } from './nearest.js';

type Issue = z.core.$ZodIssue;

export interface IssueContext {
  readonly file?: string;
  /** The document that was validated, to show what was actually found at a path. */
  readonly input: unknown;
  /** Leaf paths of the schema (from `schemaPaths`), to suggest names for unknown keys. */
  readonly validPaths: readonly string[];
}

/** One plain-English problem per zod issue (one per key for unknown keys), with dotted paths. */
export function issuesToProblems(issues: readonly Issue[], ctx: IssueContext): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) out.push(...issueToProblems(issue, [], ctx));
  return out;
}

function issueToProblems(issue: Issue, base: readonly PropertyKey[], ctx: IssueContext): Problem[] {
  const segments = [...base, ...issue.path];
  const path = formatPath(segments);
  const found = valueAt(ctx.input, segments);
  const problem = (message: string, at = path): Problem => ({ file: ctx.file, path: at, message });
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => problem(unknownKeyMessage(key, segments, ctx.validPaths), formatPath([...segments, key])));
    case 'invalid_type':
      if (found === undefined) return [problem(`required field is missing: expected ${typeName(issue.expected)}; add it`)];
      return [problem(`expected ${typeName(issue.expected)}, found ${describeValue(found)}; change it to ${typeName(issue.expected)}`)];
    case 'too_small':
      return [problem(boundMessage('min', issue.minimum, issue.inclusive, issue.origin, found))];
    case 'too_big':
      return [problem(boundMessage('max', issue.maximum, issue.inclusive, issue.origin, found))];
    case 'invalid_value':
      return [problem(choiceMessage(issue.values, found))];
    case 'not_multiple_of':
      return [problem(`expected a multiple of ${formatLiteral(Number(issue.divisor))}, found ${describeValue(found)}`)];
    case 'invalid_format':
      return [problem(`expected text in ${issue.format} format, found ${describeValue(found)}`)];
    case 'invalid_union':
      return unionProblems(issue, segments, found, ctx);
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues.flatMap((inner) => issueToProblems(inner, segments, ctx));
    default:
      // Custom checks (refinements) carry the model author's own wording.
      return [problem(found === undefined || typeof found === 'object' ? issue.message : `${issue.message} (found ${describeValue(found)})`)];
  }
}

function unknownKeyMessage(key: string, parent: readonly PropertyKey[], validPaths: readonly string[]): string {
  const parentSegments = parent.filter((s): s is Segment => typeof s === 'string' || typeof s === 'number');
  const siblings = new Set<string>();
  for (const p of validPaths) {
    const pattern = parsePath(p);
    if (!pattern || pattern.length <= parentSegments.length || !isPrefixOfPattern(parentSegments, pattern)) continue;
    const child = pattern[parentSegments.length];
    if (typeof child === 'string' && child !== '*' && child !== '[]') siblings.add(child);
  }
  const names = [...siblings];
  const guess = nearestWord(key, names);
  if (guess !== undefined && isPlausibleTypo(key, guess)) {
    return `unknown field "${key}"; did you mean "${formatPath([...parentSegments, guess])}"?`;
  }
  if (names.length === 0) return `unknown field "${key}"; remove it`;
  return `unknown field "${key}"; valid fields here are ${names.join(', ')}`;
}

function boundMessage(kind: 'min' | 'max', bound: number | bigint, inclusive: boolean | undefined, origin: string, found: unknown): string {
  const limit = formatLiteral(Number(bound));
  const strict = inclusive === false;
  if (origin === 'array' || origin === 'set') {
    const relation = kind === 'min' ? (strict ? 'more than' : 'at least') : strict ? 'fewer than' : 'at most';
    const n = Array.isArray(found) ? found.length : 'a different number of';
    return `expected ${relation} ${limit} items, found ${n}`;
  }
  if (origin === 'string') {
    const relation = kind === 'min' ? (strict ? 'more than' : 'at least') : strict ? 'fewer than' : 'at most';
    return `expected text of ${relation} ${limit} characters, found ${describeValue(found)}`;
  }
  const relation = kind === 'min' ? (strict ? 'greater than' : 'of at least') : strict ? 'less than' : 'of at most';
  return `expected a number ${relation} ${limit}, found ${describeValue(found)}; ${kind === 'min' ? 'raise' : 'lower'} it`;
}

function choiceMessage(values: readonly unknown[], found: unknown): string {
  const choices = values.map(formatLiteral);
  const base = values.length === 1 ? `expected ${choices[0]}` : `expected one of ${choices.join(', ')}`;
  let hint = '';
  if (typeof found === 'string') {
    const strings = values.filter((v): v is string => typeof v === 'string');
    const guess = nearestWord(found, strings);
    if (guess !== undefined && isPlausibleTypo(found, guess)) hint = `; did you mean ${JSON.stringify(guess)}?`;
  }
  return `${base}, found ${describeValue(found)}${hint || (values.length === 1 ? '' : '; use one of these')}`;
}

/**
 * A union failed: when every branch failed on the value itself (not deeper), list what any
 * branch would have accepted; otherwise report the branch that got furthest (fewest issues).
 */
function unionProblems(issue: Extract<Issue, { code: 'invalid_union' }>, segments: PropertyKey[], found: unknown, ctx: IssueContext): Problem[] {
  const branches = issue.errors;
  const shallow = branches.every((b) => b.every((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')));
  if (branches.length === 0 || shallow) {
    const accepted: string[] = [];
    for (const branch of branches) {
      for (const i of branch) {
        if (i.code === 'invalid_type') accepted.push(typeName(i.expected));
        else if (i.code === 'invalid_value') accepted.push(...i.values.map(formatLiteral));
      }
    }
    const list = [...new Set(accepted)];
    const expected = list.length > 0 ? list.join(' or ') : 'a different value';
    return [{ file: ctx.file, path: formatPath(segments), message: `expected ${expected}, found ${describeValue(found)}` }];
  }
  const best = branches.reduce((a, b) => (depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length) ? b : a));
  return best.flatMap((inner) => issueToProblems(inner, segments, ctx));
}

function depth(branch: readonly Issue[]): number {
  return Math.max(0, ...branch.map((i) => i.path.length));
}

function valueAt(input: unknown, segments: readonly PropertyKey[]): unknown {
  let node = input;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[s as string];
  }
  return node;
}
