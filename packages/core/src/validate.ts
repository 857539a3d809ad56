import * as z from 'zod/mini';
import { VerdictError, toIssues } from './errors';

/**
 * Parses `input` with `schema`, or throws an `INVALID_ARGUMENT` VerdictError carrying zod's issues.
 * Any zod 4 schema will do, mini or classic (a server may validate its own classic schemas with it).
 * @example const body = parseOrThrow(ChatRequestSchema, req.body, 'chat request')
 */
export function parseOrThrow<Schema extends z.core.$ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.map(String).join('.')}` : '';
  throw new VerdictError('INVALID_ARGUMENT', `invalid ${what}${where}: ${first?.message ?? 'invalid input'}`, {
    issues: toIssues(result.error.issues),
  });
}
