import * as z from 'zod/mini';

/** One validation problem, as zod reports it (path into the input, message, code). */
export const IssueSchema = z.looseObject({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type Issue = z.infer<typeof IssueSchema>;

/** The body of every error response: `{ error: { code, message, issues? } }`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(IssueSchema)),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
