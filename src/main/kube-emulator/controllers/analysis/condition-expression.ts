/**
 * The subset of the expr language (github.com/expr-lang/expr) that Argo Rollouts' successCondition and
 * failureCondition use: `result`, indexing (`result[0]`), fields (`result.ok`), numbers, strings,
 * true/false/nil, comparison and arithmetic operators, `&&`/`and`, `||`/`or`, `!`/`not`, parentheses and
 * the functions len, isNaN, isInf, asInt, asFloat and default.
 */
export type ExpressionValue = null | boolean | number | string | ExpressionValue[] | { [key: string]: ExpressionValue };

type Token = { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '[', ']', '.', ','];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(index));
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      index += number[0].length;
      continue;
    }
    if (char === '"' || char === "'") {
      let end = index + 1;
      let value = '';
      while (end < text.length && text[end] !== char) {
        if (text[end] === '\\') end++;
        value += text[end] ?? '';
        end++;
      }
      if (end >= text.length) throw new Error(`unterminated string in ${text}`);
      tokens.push({ kind: 'string', value });
      index = end + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index));
    if (name) {
      tokens.push({ kind: 'name', value: name[0] });
      index += name[0].length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index));
    if (!operator) throw new Error(`unexpected "${char}" in ${text}`);
    tokens.push({ kind: 'op', value: operator });
    index += operator.length;
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly variables: Readonly<Record<string, ExpressionValue>>
  ) {}

  parse(): ExpressionValue {
    const value = this.or();
    if (this.position < this.tokens.length) throw new Error('unexpected input after the expression');
    return value;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private accept(...values: string[]): string | null {
    const token = this.peek();
    if (token && (token.kind === 'op' || token.kind === 'name') && values.includes(token.value)) {
      this.position++;
      return token.value;
    }
    return null;
  }

  private expect(value: string): void {
    if (!this.accept(value)) throw new Error(`expected "${value}"`);
  }

  private or(): ExpressionValue {
    let left = this.and();
    while (this.accept('||', 'or')) {
      const right = this.and();
      left = truthy(left) || truthy(right);
    }
    return left;
  }

  private and(): ExpressionValue {
    let left = this.not();
    while (this.accept('&&', 'and')) {
      const right = this.not();
      left = truthy(left) && truthy(right);
    }
    return left;
  }

  private not(): ExpressionValue {
    if (this.accept('!', 'not')) return !truthy(this.not());
    return this.comparison();
  }

  private comparison(): ExpressionValue {
    const left = this.additive();
    const operator = this.accept('==', '!=', '<=', '>=', '<', '>');
    if (!operator) return left;
    const right = this.additive();
    switch (operator) {
      case '==':
        return equal(left, right);
      case '!=':
        return !equal(left, right);
      default:
        return compare(operator, left, right);
    }
  }

  private additive(): ExpressionValue {
    let left = this.multiplicative();
    for (let operator = this.accept('+', '-'); operator; operator = this.accept('+', '-')) {
      const right = this.multiplicative();
      left = operator === '+' && (typeof left === 'string' || typeof right === 'string') ? `${String(left)}${String(right)}` : arithmetic(operator, left, right);
    }
    return left;
  }

  private multiplicative(): ExpressionValue {
    let left = this.unary();
    for (let operator = this.accept('*', '/', '%'); operator; operator = this.accept('*', '/', '%')) left = arithmetic(operator, left, this.unary());
    return left;
  }

  private unary(): ExpressionValue {
    if (this.accept('-')) return -toNumber(this.unary());
    return this.postfix();
  }

  private postfix(): ExpressionValue {
    let value = this.primary();
    for (;;) {
      if (this.accept('[')) {
        const index = this.or();
        this.expect(']');
        value = Array.isArray(value) ? (value[toNumber(index)] ?? null) : value && typeof value === 'object' ? (value[String(index)] ?? null) : null;
      } else if (this.accept('.')) {
        const token = this.tokens[this.position++];
        if (!token || token.kind !== 'name') throw new Error('expected a field name after "."');
        value = value && typeof value === 'object' && !Array.isArray(value) ? (value[token.value] ?? null) : null;
      } else {
        return value;
      }
    }
  }

  private primary(): ExpressionValue {
    const token = this.tokens[this.position++];
    if (!token) throw new Error('unexpected end of expression');
    if (token.kind === 'number' || token.kind === 'string') return token.value;
    if (token.kind === 'op') {
      if (token.value === '(') {
        const value = this.or();
        this.expect(')');
        return value;
      }
      throw new Error(`unexpected "${token.value}"`);
    }
    if (token.value === 'true') return true;
    if (token.value === 'false') return false;
    if (token.value === 'nil') return null;
    if (this.accept('(')) {
      const args: ExpressionValue[] = [];
      if (!this.accept(')')) {
        do args.push(this.or());
        while (this.accept(','));
        this.expect(')');
      }
      return callFunction(token.value, args);
    }
    if (!(token.value in this.variables)) throw new Error(`unknown name ${token.value}`);
    return this.variables[token.value] ?? null;
  }
}

function truthy(value: ExpressionValue): boolean {
  if (typeof value !== 'boolean') throw new Error(`expected a boolean, got ${JSON.stringify(value)}`);
  return value;
}

function toNumber(value: ExpressionValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  throw new Error(`expected a number, got ${JSON.stringify(value)}`);
}

function equal(left: ExpressionValue, right: ExpressionValue): boolean {
  if (typeof left === 'number' || typeof right === 'number') {
    try {
      return toNumber(left) === toNumber(right);
    } catch {
      return false;
    }
  }
  return JSON.stringify(left) === JSON.stringify(right);
}

function compare(operator: string, left: ExpressionValue, right: ExpressionValue): boolean {
  const a = toNumber(left);
  const b = toNumber(right);
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function arithmetic(operator: string, left: ExpressionValue, right: ExpressionValue): number {
  const a = toNumber(left);
  const b = toNumber(right);
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    default:
      return a % b;
  }
}

function callFunction(name: string, args: ExpressionValue[]): ExpressionValue {
  const [first, second] = args;
  switch (name) {
    case 'len':
      if (Array.isArray(first) || typeof first === 'string') return first.length;
      if (first && typeof first === 'object') return Object.keys(first).length;
      throw new Error('len() needs a list, string or map');
    case 'isNaN':
      return typeof first === 'number' && Number.isNaN(first);
    case 'isInf':
      return typeof first === 'number' && !Number.isFinite(first) && !Number.isNaN(first);
    case 'asInt':
      return Math.trunc(toNumber(first ?? null));
    case 'asFloat':
      return toNumber(first ?? null);
    case 'default':
      return first === null || first === undefined ? (second ?? null) : first;
    default:
      throw new Error(`unknown function ${name}()`);
  }
}

/** Evaluates a condition with `result` bound; throws when it is malformed or not a boolean. */
export function evaluateCondition(expression: string, result: ExpressionValue): boolean {
  const value = new Parser(tokenize(expression), { result }).parse();
  return truthy(value);
}
