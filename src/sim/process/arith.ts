/**
 * Shell arithmetic (`$((i + 1))`): integers, + - * / %, comparisons, && || !, parentheses, variables.
 */

export function evalArith(src: string, vars: Record<string, string>): { value: number } | { error: string } {
  const toks = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||<<|>>|[-+*/%()<>!~^&|]/g) ?? [];
  const rest = src.replace(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||<<|>>|[-+*/%()<>!~^&|]|\s/g, '');
  if (rest) return { error: `syntax error: ${rest}` };
  let p = 0;
  const peek = () => toks[p];
  const prec: Record<string, number> = {
    '||': 1,
    '&&': 2,
    '|': 3,
    '^': 4,
    '&': 5,
    '==': 6,
    '!=': 6,
    '<': 7,
    '>': 7,
    '<=': 7,
    '>=': 7,
    '<<': 8,
    '>>': 8,
    '+': 9,
    '-': 9,
    '*': 10,
    '/': 10,
    '%': 10,
  };
  const unary = (): number => {
    const t = toks[p++];
    if (t === undefined) throw new Error('unexpected end');
    if (t === '-') return -unary();
    if (t === '+') return unary();
    if (t === '!') return unary() ? 0 : 1;
    if (t === '~') return ~unary();
    if (t === '(') {
      const v = binary(0);
      if (toks[p++] !== ')') throw new Error('missing )');
      return v;
    }
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) {
      const v = vars[t];
      if (v === undefined || v === '') return 0;
      const n = Number(v);
      return Number.isFinite(n) ? Math.trunc(n) : 0;
    }
    throw new Error(`unexpected ${t}`);
  };
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new Error('divide by zero');
        return Math.trunc(a / b);
      case '%':
        if (b === 0) throw new Error('divide by zero');
        return a % b;
      case '==':
        return +(a === b);
      case '!=':
        return +(a !== b);
      case '<':
        return +(a < b);
      case '>':
        return +(a > b);
      case '<=':
        return +(a <= b);
      case '>=':
        return +(a >= b);
      case '&&':
        return +(a !== 0 && b !== 0);
      case '||':
        return +(a !== 0 || b !== 0);
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '<<':
        return a << b;
      case '>>':
        return a >> b;
    }
    throw new Error(op);
  };
  const binary = (min: number): number => {
    let left = unary();
    for (;;) {
      const op = peek();
      const pr = op !== undefined ? prec[op] : undefined;
      if (pr === undefined || pr <= min - 1 || pr < min) break;
      p++;
      const right = binary(pr + 1);
      left = apply(op!, left, right);
    }
    return left;
  };
  try {
    if (!toks.length) return { value: 0 };
    const v = binary(0);
    if (p !== toks.length) return { error: 'syntax error' };
    return { value: v };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
