import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenBox } from './TokenBox';

/** An unsigned JWT with these claims (the box only reads them; the gateway verifies). */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

describe('TokenBox', () => {
  afterEach(cleanup);

  it('asks for a token without one: the pasted token is handed over once and the box is emptied', () => {
    const onSave = vi.fn();
    render(<TokenBox token={null} onSave={onSave} onClear={() => undefined} />);
    const field = screen.getByLabelText('Token');
    expect(field).toHaveProperty('type', 'password');
    fireEvent.change(field, { target: { value: '  pasted.jwt.value ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use token' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith('  pasted.jwt.value ');
    expect(field).toHaveProperty('value', '');
  });

  it('shows whom a token is for, its scopes, and when it has expired; Forget token clears it', () => {
    const onClear = vi.fn();
    const { rerender } = render(<TokenBox token={jwt({ sub: 'ada', scope: 'content:write experiments:write', exp: Math.floor(Date.now() / 1000) + 3600 })} onSave={() => undefined} onClear={onClear} />);
    expect(screen.getByText('Signed in as ada (content:write, experiments:write)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Forget token' }));
    expect(onClear).toHaveBeenCalledTimes(1);

    rerender(<TokenBox token={jwt({ sub: 'ada', scope: 'admin', exp: Math.floor(Date.now() / 1000) - 60 })} onSave={() => undefined} onClear={onClear} />);
    expect(screen.getByText('Signed in as ada (admin) — expired')).toBeTruthy();
    expect(screen.queryByLabelText('Token')).toBeNull();
  });
});
