import type * as z from 'zod';
import { VerdictError, toIssues } from './errors';

/**
 * Parses `input` with `schema`, or throws an `INVALID_ARGUMENT` VerdictError carrying zod's issues.
 * @example const body = parseOrThrow(ChatRequestSchema, req.body, 'chat request')
 */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.map(String).join('.')}` : '';
  throw new VerdictError('INVALID_ARGUMENT', `invalid ${what}${where}: ${first?.message ?? 'invalid input'}`, {
    issues: toIssues(result.error.issues),
  });
}
