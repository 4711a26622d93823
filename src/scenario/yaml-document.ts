import YAML from 'yaml';
import type { Problem } from '../errors.js';

/**
 * Reads YAML text into plain data. A syntax error becomes a problem with line and column. Only
 * the first is reported: the parser's later errors are mostly echoes of the first one.
 */
export function readYaml(text: string, file?: string): { data: unknown; problems: Problem[] } {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, 1).map((e): Problem => {
      const pos = e.linePos?.[0];
      const reason = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      const where = pos ? `line ${pos.line}, column ${pos.col}` : undefined;
      return { file, path: where, message: `YAML syntax error: ${reason}` };
    });
    return { data: undefined, problems };
  }
  return { data: doc.toJS({ maxAliasCount: 1000 }), problems: [] };
}
