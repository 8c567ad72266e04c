import { DEFAULT_FIELDS, type FieldName, type QueryNode } from './ast.js';
import { QueryParseError } from './errors.js';
import { lex, type LexToken } from './lexer.js';
import { toWordPatterns } from './words.js';

const OPERAND_START = new Set<LexToken['type']>(['term', 'phrase', 'lparen', 'not', 'field']);
const OP_NAME: Partial<Record<LexToken['type'], string>> = { and: 'AND', or: 'OR', not: 'NOT', near: 'NEAR' };

/**
 * Recursive descent over the grammar in docs/QUERY-LANGUAGE.md. Precedence, tightest first: NOT, NEAR, AND
 * (explicit or implicit between adjacent operands), OR.
 */
export function parseQuery(q: string): QueryNode {
  return new Parser(lex(q)).parseAll();
}

class Parser {
  private i = 0;
  constructor(private readonly toks: LexToken[]) {}

  private peek(): LexToken {
    return this.toks[this.i] ?? this.toks[this.toks.length - 1]!;
  }

  private next(): LexToken {
    const t = this.peek();
    this.i++;
    return t;
  }

  private needOperand(op: LexToken): void {
    if (!OPERAND_START.has(this.peek().type)) {
      throw new QueryParseError(`${OP_NAME[op.type] ?? op.type} needs a word, phrase or group after it`, op.position);
    }
  }

  parseAll(): QueryNode {
    if (this.peek().type === 'eof') throw new QueryParseError('empty query', 0);
    const node = this.parseOr();
    const t = this.peek();
    if (t.type === 'rparen') throw new QueryParseError('unbalanced ")": no matching "("', t.position);
    if (t.type !== 'eof') throw new QueryParseError(`unexpected ${OP_NAME[t.type] ?? t.type}`, t.position);
    return node;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek().type === 'or') {
      this.needOperand(this.next());
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children: flatten('or', children) };
  }

  private parseAnd(): QueryNode {
    const children = [this.parseNear()];
    for (;;) {
      const t = this.peek();
      if (t.type === 'and') this.needOperand(this.next());
      else if (!OPERAND_START.has(t.type)) break;
      children.push(this.parseNear());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children: flatten('and', children) };
  }

  private parseNear(): QueryNode {
    let left = this.parseUnary();
    while (this.peek().type === 'near') {
      const op = this.next() as Extract<LexToken, { type: 'near' }>;
      this.needOperand(op);
      const right = this.parseUnary();
      if (!isSpan(left) || !isSpan(right)) {
        throw new QueryParseError('NEAR joins words, phrases or OR-groups of them (no AND, NOT or site: inside)', op.position);
      }
      left = { kind: 'near', left, right, distance: op.distance, ordered: op.ordered, position: op.position };
    }
    return left;
  }

  private parseUnary(): QueryNode {
    const t = this.peek();
    if (t.type !== 'not') return this.parsePrimary();
    this.next();
    this.needOperand(t);
    return { kind: 'not', child: this.parseUnary(), position: t.position };
  }

  private parsePrimary(): QueryNode {
    const t = this.next();
    switch (t.type) {
      case 'term':
      case 'phrase':
        return { kind: 'words', words: toWordPatterns(t.text, t.position + (t.type === 'phrase' ? 1 : 0), t.type), fields: DEFAULT_FIELDS, position: t.position, raw: t.text };
      case 'lparen': {
        if (this.peek().type === 'rparen') throw new QueryParseError('empty parentheses', t.position);
        if (this.peek().type === 'eof') throw new QueryParseError('unbalanced "(": missing ")"', t.position);
        const inner = this.parseOr();
        if (this.peek().type !== 'rparen') throw new QueryParseError('unbalanced "(": missing ")"', t.position);
        this.next();
        return inner;
      }
      case 'field':
        return applyField(this.parsePrimary(), t.name, t.position);
      case 'rparen':
        throw new QueryParseError('unbalanced ")": no matching "("', t.position);
      case 'eof':
        throw new QueryParseError('query ends where a word was expected', t.position);
      default:
        throw new QueryParseError(`${OP_NAME[t.type] ?? t.type} needs a word, phrase or group before it`, t.position);
    }
  }
}

function flatten(kind: 'and' | 'or', nodes: QueryNode[]): QueryNode[] {
  return nodes.flatMap((n) => (n.kind === kind ? n.children : [n]));
}

function isSpan(n: QueryNode): boolean {
  if (n.kind === 'words' || n.kind === 'near') return true;
  return n.kind === 'or' && n.children.every(isSpan);
}

/** Restricts every word inside `node` to `field`; a word already restricted to another field is an error. */
function applyField(node: QueryNode, field: FieldName, position: number): QueryNode {
  switch (node.kind) {
    case 'words':
      if (node.fields !== DEFAULT_FIELDS) throw new QueryParseError('a field filter cannot contain another field filter', node.position);
      if (field === 'lang') {
        if (!/^[a-z]{2,3}$/i.test(node.raw)) throw new QueryParseError('lang: takes a language code such as en, fr or de', node.position);
        return { kind: 'lang', code: node.raw.toLowerCase(), position };
      }
      if (field !== 'site') return { ...node, fields: [field] };
      if (node.raw.includes('*')) throw new QueryParseError('site: takes a host name without wildcards (subdomains match already)', node.position);
      return { kind: 'site', host: normaliseHost(node.raw), position };
    case 'site':
    case 'lang':
      throw new QueryParseError('a field filter cannot contain another field filter', node.position);
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((c) => applyField(c, field, position)) };
    case 'not':
      return { ...node, child: applyField(node.child, field, position) };
    case 'near':
      if (field === 'site' || field === 'lang') throw new QueryParseError(`${field}: cannot hold NEAR`, node.position);
      return { ...node, left: applyField(node.left, field, position), right: applyField(node.right, field, position) };
  }
}

/** `https://www.Example.com/` -> `example.com`; `r/Foo` -> `r/foo` */
export function normaliseHost(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}
