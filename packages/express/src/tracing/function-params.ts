/**
 * Naming a traced function's inputs after its parameters, as MLflow's `@trace` does in Python.
 * JavaScript keeps parameter names only in the source text, so they are read once, when the
 * function is wrapped, and only from simple parameter lists; anything unusual falls back.
 */

const IDENTIFIER = /^(\.\.\.)?([A-Za-z_$][\w$]*)$/;

/** A parameter list, with rest marked; undefined when names cannot be read safely. */
export interface ParameterNames {
  names: string[];
  rest: boolean;
}

function parameterText(source: string): string | undefined {
  const arrow = /^(?:async\s*)?([A-Za-z_$][\w$]*)\s*=>/.exec(source);
  if (arrow) return arrow[1];
  const open = source.indexOf('(');
  if (open < 0) return undefined;
  const close = source.indexOf(')', open);
  if (close < 0) return undefined;
  return source.slice(open + 1, close);
}

/**
 * The names of `fn`'s parameters, or undefined for destructuring, default values, comments or
 * native code — cases where a wrong guess would be worse than `{ args: [...] }`.
 * @example parameterNames(async (question, topK) => {}) // { names: ['question', 'topK'], rest: false }
 */
export function parameterNames(fn: (...args: never[]) => unknown): ParameterNames | undefined {
  let source: string;
  try {
    source = Function.prototype.toString.call(fn);
  } catch {
    return undefined;
  }
  if (source.startsWith('class')) return undefined;
  const text = parameterText(source);
  if (text === undefined || /[{}[\]=/'"`]/.test(text)) return undefined;
  const names: string[] = [];
  let rest = false;
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const match = IDENTIFIER.exec(part);
    if (!match || rest) return undefined;
    if (match[1]) rest = true;
    names.push(match[2] as string);
  }
  return { names, rest };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The inputs to record for one call: `{ <param>: arg }` when names are known, else the single
 * plain-object argument as-is, else `{ args: [...] }`. Arguments beyond the named ones are kept
 * under `args` so nothing passed is hidden.
 * @example inputsFromArgs({ names: ['message'], rest: false }, ['hi']) // { message: 'hi' }
 */
export function inputsFromArgs(parameters: ParameterNames | undefined, args: readonly unknown[]): unknown {
  if (parameters === undefined) {
    if (args.length === 1 && isPlainObject(args[0])) return args[0];
    return { args };
  }
  const { names, rest } = parameters;
  const inputs: Record<string, unknown> = {};
  const named = rest ? names.length - 1 : names.length;
  for (let index = 0; index < named && index < args.length; index++) {
    inputs[names[index] as string] = args[index];
  }
  if (args.length > named) {
    if (rest) inputs[names[named] as string] = args.slice(named);
    else inputs['args'] = args.slice(named);
  }
  return inputs;
}
