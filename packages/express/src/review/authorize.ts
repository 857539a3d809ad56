import { VerdictError, VerdictUserSchema } from '@verdict/core';
import type { UserRole, VerdictUser } from '@verdict/core';
import type { Request, RequestHandler, Response } from 'express';
import { setVerdictLocals } from '../router/route-context';

/**
 * What a request wants to do, passed to the `authorize` hook. `*:read` lists and reads, `*:write`
 * creates, edits and deletes; `labeling:label` claims items and submits labels;
 * `labeling:manage` creates and deletes sessions, adds items and syncs expectations;
 * `labeling:adjudicate` sets gold labels; `traces:read` reads traces and the feedback summary
 * (reviewers: only their items' copies); `assessments:write` logs, overrides and deletes assessments
 * through `/traces/:trace_id/assessments` (end users rate through `/feedback`, which needs no hook).
 */
export type Action =
  | 'traces:read'
  | 'assessments:write'
  | 'label_schemas:read'
  | 'label_schemas:write'
  | 'labeling:read'
  | 'labeling:label'
  | 'labeling:manage'
  | 'labeling:adjudicate'
  | 'datasets:read'
  | 'datasets:write'
  | 'evaluations:read'
  | 'evaluations:run';

/** What the action is about, when the route names one (`id` is a session id, a dataset or schema name, ...). */
export interface Resource {
  kind: 'trace' | 'label_schema' | 'labeling_session' | 'dataset' | 'evaluation';
  id?: string;
}

/**
 * The host's answer: the user making the request; `null`/`undefined` when nobody could be
 * identified (→ 401 UNAUTHENTICATED); `false` to deny (→ 403 PERMISSION_DENIED). Throwing a
 * VerdictError answers with its own status.
 */
export type AuthorizeResult = VerdictUser | false | null | undefined;

/**
 * The `verdict({ authorize })` hook: resolves each review, dataset and evaluation request to a
 * user. Verdict then applies the role rules itself (see {@link roleAllows}), so the hook only has
 * to say who is calling; it may also deny by action or resource.
 * @example
 * const authorize: AuthorizeHook = (req) => users.get(req.get('authorization')?.replace(/^Bearer /, '') ?? '') ?? null;
 */
export type AuthorizeHook = (req: Request, action: Action, resource: Resource | undefined) => AuthorizeResult | Promise<AuthorizeResult>;

/** The user Verdict assumes without an `authorize` hook: everyone is a developer (a trusted, local setup). */
export const DEFAULT_USER: VerdictUser = { id: 'developer', role: 'developer' };

const REVIEWER_ACTIONS: ReadonlySet<Action> = new Set(['traces:read', 'label_schemas:read', 'labeling:read', 'labeling:label']);

/**
 * Whether a role may attempt an action at all. Developers may do everything; reviewers may read
 * label schemas, read sessions and label (only sessions they are assigned to, checked per session)
 * and read the traces of their items; end users none of the review, dataset or evaluation routes
 * (their feedback routes never consult the hook).
 * @example roleAllows('reviewer', 'datasets:write') // false
 */
export function roleAllows(role: UserRole, action: Action): boolean {
  if (role === 'developer') return true;
  if (role === 'reviewer') return REVIEWER_ACTIONS.has(action);
  return false;
}

/** Resolves the caller of a request for an action, or throws 401/403. */
export type Authorizer = (req: Request, action: Action, resource?: Resource) => Promise<VerdictUser>;

/**
 * Builds the authorizer over the host's hook (or {@link DEFAULT_USER} without one).
 * @example const user = await createAuthorizer(options.authorize)(req, 'datasets:write', { kind: 'dataset', id: name })
 */
export function createAuthorizer(hook: AuthorizeHook | undefined): Authorizer {
  return async (req, action, resource) => {
    const result = hook === undefined ? DEFAULT_USER : await hook(req, action, resource);
    if (result === null || result === undefined) {
      throw new VerdictError('UNAUTHENTICATED', `sign in to ${action.replace(':', ' ')}: no user could be identified for this request`);
    }
    if (result === false) throw new VerdictError('PERMISSION_DENIED', `not allowed to ${action.replace(':', ' ')}`);
    const parsed = VerdictUserSchema.safeParse(result);
    // A malformed user is the host's bug, not the caller's: a 500 that onError reports.
    if (!parsed.success) throw new Error(`verdict({ authorize }) returned ${JSON.stringify(result)}, not a { id, role } user`);
    const user = parsed.data;
    if (!roleAllows(user.role, action)) {
      throw new VerdictError('PERMISSION_DENIED', `a ${user.role} may not ${action.replace(':', ' ')}`);
    }
    return user;
  };
}

/**
 * Route middleware: resolves the caller for `action` (the resource from the path, if any) and
 * keeps it as `res.locals.verdict.user`.
 * @example router.get('/datasets', requireUser(authorizer, 'datasets:read'), handler)
 */
export function requireUser(authorizer: Authorizer, action: Action, resourceOf?: (req: Request) => Resource): RequestHandler {
  return async (req, res, next) => {
    const user = await authorizer(req, action, resourceOf?.(req));
    setVerdictLocals(res, { user });
    next();
  };
}

/**
 * The user {@link requireUser} resolved for this request.
 * @example const user = userOf(res)
 */
export function userOf(res: Response): VerdictUser {
  const user = (res.locals as { verdict?: { user?: VerdictUser } }).verdict?.user;
  if (user === undefined) throw new Error('userOf(res) before requireUser ran: mount requireUser on the route');
  return user;
}

/**
 * Throws 403 unless the user may work in a session: developers always, reviewers when assigned.
 * A reviewer asking for a session they are not assigned to gets 403, not 404: session ids are
 * random, so the status tells them nothing they could use, and it says plainly what is wrong.
 * @example assertSessionAccess(user, stored.session)
 */
export function assertSessionAccess(user: VerdictUser, session: { labeling_session_id: string; assigned_users: readonly string[] }): void {
  if (user.role === 'developer') return;
  if (user.role === 'reviewer' && session.assigned_users.includes(user.id)) return;
  throw new VerdictError('PERMISSION_DENIED', `${user.id} is not assigned to labeling session ${session.labeling_session_id}`);
}
