import * as z from 'zod/mini';

/** What a user may do: rate answers, label assigned sessions, or everything. */
export const UserRoleSchema = z.enum(['end_user', 'reviewer', 'developer']);
export type UserRole = z.infer<typeof UserRoleSchema>;

/** Who is calling, as resolved by the host's `authorize` hook. */
export const VerdictUserSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(256)),
  role: UserRoleSchema,
});
export type VerdictUser = z.infer<typeof VerdictUserSchema>;
