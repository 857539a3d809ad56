// Test-only: the subset of MLflow's trace filter grammar (mlflow-rest.md §5) the emulator
// understands. Anything else is a 400 "Invalid clause(s)", as the real server answers garbage.

/** One parsed clause: `<kind>.<key> <op> <value>`. */
export interface Clause {
  kind: 'attribute' | 'tag' | 'metadata' | 'feedback' | 'expectation';
  key: string;
  op: '=' | '!=' | '>' | '>=' | '<' | '<=' | 'IS NULL' | 'IS NOT NULL';
  value: string | number | undefined;
}

const PREFIXES: Record<string, Clause['kind']> = {
  attribute: 'attribute',
  attributes: 'attribute',
  trace: 'attribute',
  tag: 'tag',
  tags: 'tag',
  metadata: 'metadata',
  request_metadata: 'metadata',
  feedback: 'feedback',
  expectation: 'expectation',
};

const CLAUSE =
  /^\s*([A-Za-z_]+)\.(`[^`]+`|[A-Za-z_][A-Za-z0-9_.]*)\s*(IS\s+NOT\s+NULL|IS\s+NULL|!=|>=|<=|=|>|<)\s*('(?:[^']*)'|"(?:[^"]*)"|-?\d+(?:\.\d+)?)?\s*/i;

/**
 * Parses a filter string into clauses joined by AND; throws with MLflow's message on anything else.
 * @example parseFilter("trace.status = 'OK' AND tag.`env` = 'prod'")
 */
export function parseFilter(filter: string): Clause[] {
  const clauses: Clause[] = [];
  let rest = filter.trim();
  while (rest !== '') {
    const match = CLAUSE.exec(rest);
    const kind = match ? PREFIXES[match[1]!.toLowerCase()] : undefined;
    if (match === null || kind === undefined) throw new Error(`Invalid clause(s) in filter string: '${rest.split(/\s+/).join("', '")}'`);
    const op = match[3]!.toUpperCase().replace(/\s+/g, ' ') as Clause['op'];
    const rawValue = match[4];
    const isNull = op === 'IS NULL' || op === 'IS NOT NULL';
    if (isNull === (rawValue !== undefined)) throw new Error(`Invalid clause(s) in filter string: '${match[0].trim()}'`);
    const value =
      rawValue === undefined ? undefined : /^['"]/.test(rawValue) ? rawValue.slice(1, -1) : Number(rawValue);
    clauses.push({ kind, key: match[2]!.replace(/^`|`$/g, ''), op, value });
    rest = rest.slice(match[0].length);
    if (rest === '') break;
    const and = /^AND\s+/i.exec(rest);
    if (and === null) throw new Error(`Invalid clause(s) in filter string: '${rest}'`);
    rest = rest.slice(and[0].length);
  }
  return clauses;
}

/** Compares with a clause's operator (strings or numbers). */
export function compare(actual: string | number | undefined, clause: Clause): boolean {
  if (clause.op === 'IS NULL') return actual === undefined;
  if (clause.op === 'IS NOT NULL') return actual !== undefined;
  if (actual === undefined) return false;
  const wanted = clause.value!;
  const [a, b] = typeof wanted === 'number' ? [Number(actual), wanted] : [String(actual), wanted];
  switch (clause.op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}
