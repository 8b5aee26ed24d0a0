import { useId, useState } from 'react';
import { readClaims } from '../auth/token';

/** Shows who the token is for and its scopes, or a paste box when there is none. */
export function TokenBox({ token, onSave, onClear }: { token: string | null; onSave(pasted: string): void; onClear(): void }) {
  const [pasted, setPasted] = useState('');
  const inputId = useId();
  if (token) {
    const claims = readClaims(token);
    const expired = claims.expiresAt !== null && claims.expiresAt < Date.now();
    return (
      <div className="token">
        <span>
          {claims.sub ? `Signed in as ${claims.sub}` : 'Token set'}
          {claims.scopes.length > 0 ? ` (${claims.scopes.join(', ')})` : ''}
          {expired ? ' — expired' : ''}
        </span>
        <button type="button" onClick={onClear}>
          Forget token
        </button>
      </div>
    );
  }
  return (
    <form
      className="token"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(pasted);
        setPasted('');
      }}
    >
      <label htmlFor={inputId}>Token</label>
      <input id={inputId} type="password" autoComplete="off" value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder="Paste a bearer token" />
      <button type="submit">Use token</button>
    </form>
  );
}
