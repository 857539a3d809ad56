import { useSyncExternalStore } from 'react';

// One sign-in for every page. The Review page's earlier key, so a token typed before still works.
const TOKEN_KEY = 'verdict-example-review-token';
const listeners = new Set<() => void>();
let current = readStored();

function readStored(): string {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    // Storage can be off (private mode, policies): then the token lives for this page only.
    return '';
  }
}

/** The signed-in user's bearer token, or '' when nobody signed in (fine without `VERDICT_USERS`). */
export function getToken(): string {
  return current;
}

/**
 * Signs in with a token ('' signs out), keeps it for the next visit, and tells every page.
 * @example setToken('ann-token')
 */
export function setToken(token: string): void {
  current = token.trim();
  try {
    if (current === '') localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, current);
  } catch {
    // See readStored: without storage the sign-in still holds until the page is left.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab signed in or out: follow it, so two tabs never act as two people by surprise.
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key !== TOKEN_KEY) return;
    current = event.newValue ?? '';
    listener();
  };
  window.addEventListener('storage', fromOtherTab);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', fromOtherTab);
  };
}

/**
 * The current token, re-rendering when someone signs in or out.
 * @example const token = useToken();
 */
export function useToken(): string {
  return useSyncExternalStore(subscribe, getToken, getToken);
}

/**
 * Headers for every Verdict call, read at each request (a `VerdictProvider` `headers` function):
 * `Authorization: Bearer <token>` once signed in, nothing before.
 * @example <VerdictProvider baseUrl="/api" headers={authHeaders}>…</VerdictProvider>
 */
export function authHeaders(): Record<string, string> {
  return current === '' ? {} : { authorization: `Bearer ${current}` };
}
