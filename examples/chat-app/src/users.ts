import type { UserRole, VerdictUser } from '@verdict/core';
import type { AuthorizeHook } from '@verdict/express';

const ROLES: readonly UserRole[] = ['end_user', 'reviewer', 'developer'];

/**
 * Reads `VERDICT_USERS` (`name:role:token,...`, e.g. `ann:reviewer:s3cret,dev:developer:t0ken`)
 * into a map from bearer token to user; undefined when the variable is unset or empty (then the
 * app runs as one developer). A malformed entry, an unknown role or a repeated name or token
 * throws, naming the entry, so a typo stops the server instead of locking people out.
 * @example parseUsers('ann:reviewer:abc').get('abc') // { id: 'ann', role: 'reviewer' }
 */
export function parseUsers(spec: string | undefined): Map<string, VerdictUser> | undefined {
  if (spec === undefined || spec.trim() === '') return undefined;
  const users = new Map<string, VerdictUser>();
  const names = new Set<string>();
  for (const entry of spec.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const [name, role, token, ...extra] = entry.split(':');
    if (!name || !role || !token || extra.length > 0) throw new Error(`VERDICT_USERS: "${entry}" is not name:role:token`);
    if (!ROLES.includes(role as UserRole)) throw new Error(`VERDICT_USERS: "${entry}" has role ${role}; use one of ${ROLES.join(', ')}`);
    if (names.has(name)) throw new Error(`VERDICT_USERS: user ${name} appears twice`);
    if (users.has(token)) throw new Error(`VERDICT_USERS: two users share the token of ${name}`);
    names.add(name);
    users.set(token, { id: name, role: role as UserRole });
  }
  return users;
}

/**
 * The `authorize` hook over parsed users: `Authorization: Bearer <token>` names the user; no
 * header is nobody (401), an unknown token is refused (403). Undefined without users, so Verdict
 * treats every caller as the developer.
 * @example verdict({ store, authorize: usersAuthorize(parseUsers(process.env.VERDICT_USERS)) })
 */
export function usersAuthorize(users: Map<string, VerdictUser> | undefined): AuthorizeHook | undefined {
  if (users === undefined) return undefined;
  return (req) => {
    const header = req.get('authorization');
    if (header === undefined) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return (match?.[1] !== undefined && users.get(match[1])) || false;
  };
}
