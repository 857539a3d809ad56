import { useState } from 'react';
import { setToken, useToken } from './auth-token';

/**
 * The one sign-in of every page: with `VERDICT_USERS` the server wants `Authorization: Bearer
 * <token>` on the developer and review routes, so the page keeps the token a user typed; without
 * it nobody needs to sign in (the server treats everyone as its one developer).
 */
export function SignIn() {
  const token = useToken();
  const [draft, setDraft] = useState(token);
  return (
    <form
      className="page__sign-in"
      aria-label="Sign in"
      onSubmit={(event) => {
        event.preventDefault();
        setToken(draft);
      }}
    >
      <label htmlFor="sign-in-token">Your token</label>
      <input id="sign-in-token" type="password" autoComplete="off" value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button type="submit">Sign in</button>
      {token !== '' && (
        <button
          type="button"
          onClick={() => {
            setDraft('');
            setToken('');
          }}
        >
          Sign out
        </button>
      )}
      <span className="page__note" role="status">
        {token === '' ? 'Not signed in: fine when the server runs without VERDICT_USERS.' : 'Signed in.'}
      </span>
    </form>
  );
}
