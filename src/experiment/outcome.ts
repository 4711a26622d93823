/**
 * The yes/no outcome of a discovery experiment, written over summaries: `first_explosion < 260`,
 * `max_active > 200 and mean_jailed < 50`. A tiny expression language (numbers, names,
 * + - * /, comparisons, and/or/not, parentheses) parsed once, evaluated per run; nothing is
 * handed to `eval`.
 */
export type Expr =
  | { readonly t: 'num'; readonly v: number }
  | { readonly t: 'var'; readonly name: string }
  | { readonly t: 'not' | 'neg'; readonly a: Expr }
  | { readonly t: 'bin'; readonly op: string; readonly a: Expr; readonly b: Expr };

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|&&|\|\||[-+*/()<>!]))/y;

export function parseOutcome(text: string): Expr {
  const tokens: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`cannot read "${text.slice(pos).trim()}" (at character ${pos + 1})`);
    tokens.push(m[1] ?? m[2] ?? m[3]);
    pos = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i];
  const take = (tok: string) => (tokens[i] === tok ? (i++, true) : false);
  const or = (): Expr => {
    let a = and();
    while (take('or') || take('||')) a = { t: 'bin', op: 'or', a, b: and() };
    return a;
  };
  const and = (): Expr => {
    let a = not();
    while (take('and') || take('&&')) a = { t: 'bin', op: 'and', a, b: not() };
    return a;
  };
  const not = (): Expr => (take('not') || take('!') ? { t: 'not', a: not() } : compare());
  const compare = (): Expr => {
    const a = sum();
    const op = peek();
    if (op && ['<', '<=', '>', '>=', '==', '!='].includes(op)) {
      i++;
      return { t: 'bin', op, a, b: sum() };
    }
    return a;
  };
  const sum = (): Expr => {
    let a = product();
    while (peek() === '+' || peek() === '-') a = { t: 'bin', op: tokens[i++], a, b: product() };
    return a;
  };
  const product = (): Expr => {
    let a = unary();
    while (peek() === '*' || peek() === '/') a = { t: 'bin', op: tokens[i++], a, b: unary() };
    return a;
  };
  const unary = (): Expr => (take('-') ? { t: 'neg', a: unary() } : primary());
  const primary = (): Expr => {
    const tok = tokens[i++];
    if (tok === undefined) throw new Error('the expression ends too early');
    if (tok === '(') {
      const e = or();
      if (!take(')')) throw new Error('a "(" is not closed');
      return e;
    }
    if (/^[\d.]/.test(tok)) return { t: 'num', v: Number(tok) };
    if (/^[A-Za-z_]/.test(tok) && !['and', 'or', 'not'].includes(tok)) return { t: 'var', name: tok };
    throw new Error(`unexpected "${tok}"`);
  };
  const expr = or();
  if (i < tokens.length) throw new Error(`unexpected "${tokens[i]}"`);
  return expr;
}

export function outcomeVariables(e: Expr, out = new Set<string>()): Set<string> {
  if (e.t === 'var') out.add(e.name);
  else if (e.t === 'not' || e.t === 'neg') outcomeVariables(e.a, out);
  else if (e.t === 'bin') {
    outcomeVariables(e.a, out);
    outcomeVariables(e.b, out);
  }
  return out;
}

/** Evaluates to a number; comparisons and logic give 1 or 0. */
export function evaluateOutcome(e: Expr, vars: Readonly<Record<string, number>>): number {
  switch (e.t) {
    case 'num':
      return e.v;
    case 'var':
      return vars[e.name] ?? NaN;
    case 'neg':
      return -evaluateOutcome(e.a, vars);
    case 'not':
      return evaluateOutcome(e.a, vars) ? 0 : 1;
    case 'bin': {
      const a = evaluateOutcome(e.a, vars);
      if (e.op === 'and') return a && evaluateOutcome(e.b, vars) ? 1 : 0;
      if (e.op === 'or') return a || evaluateOutcome(e.b, vars) ? 1 : 0;
      const b = evaluateOutcome(e.b, vars);
      switch (e.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '<': return a < b ? 1 : 0;
        case '<=': return a <= b ? 1 : 0;
        case '>': return a > b ? 1 : 0;
        case '>=': return a >= b ? 1 : 0;
        case '==': return a === b ? 1 : 0;
        case '!=': return a !== b ? 1 : 0;
      }
      throw new Error(`unknown operator ${e.op}`);
    }
  }
}
