import YAML from 'yaml';
import type { Problem } from '../errors.js';
import { LIMITS } from './limits.js';

/**
 * Reads YAML text into plain data. A syntax error becomes a problem with line and column. Only
 * the first is reported: the parser's later errors are mostly echoes of the first one. Hostile
 * shapes are refused as problems too: an alias bomb (a few lines that expand to billions of
 * nodes), collections nested deeper than LIMITS.yamlDepth.
 */
export function readYaml(text: string, file?: string): { data: unknown; problems: Problem[] } {
  const fail = (message: string, path?: string) => ({ data: undefined, problems: [{ file, path, message }] });
  let doc: YAML.Document.Parsed;
  try {
    doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    return fail(`cannot parse this YAML (${firstLine(err)}); check the file's syntax`);
  }
  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, 1).map((e): Problem => {
      const pos = e.linePos?.[0];
      const reason = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      const where = pos ? `line ${pos.line}, column ${pos.col}` : undefined;
      if (/call stack/i.test(reason)) return { file, path: where, message: tooDeep() };
      return { file, path: where, message: `YAML syntax error: ${reason}` };
    });
    return { data: undefined, problems };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/alias count/i.test(message)) {
      return fail('the YAML expands its aliases (*name) too much (more than 1000 copies): a "billion laughs" file? Write the values out, or use fewer aliases');
    }
    if (err instanceof RangeError) return fail(tooDeep());
    return fail(`cannot read this YAML (${firstLine(err)}); check the file's syntax`);
  }
  const depth = nestingDepth(data, LIMITS.yamlDepth + 1);
  if (depth > LIMITS.yamlDepth) return fail(tooDeep());
  return { data, problems: [] };
}

function tooDeep(): string {
  return `the YAML nests lists or groups more than ${LIMITS.yamlDepth} levels deep; a scenario or experiment needs far fewer, so check the brackets and indentation`;
}

/** Depth of nested arrays and objects, counted without recursion and stopping at `cap`. */
function nestingDepth(root: unknown, cap: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, d] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max >= cap) return max;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth]);
  }
  return max;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
