import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from './api';
import { navigate } from './router';

export type Role =
  | 'warga'
  | 'petugas_rw'
  | 'puskesmas'
  | 'dinkes'
  | 'operator_opd'
  | 'penjual'
  | 'operator_outlet'
  | 'walidata'
  | 'produsen_data'
  | 'evaluator'
  | 'wifi_fleet'
  | 'admin';

export interface User {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  scope: string | null;
  is_demo: boolean;
}

interface MeResponse {
  user: User | null;
  csrf_token: string | null;
}

interface AuthState {
  /** undefined while the first GET /api/auth/me is in flight. */
  user: User | null | undefined;
  login(email: string, password: string): Promise<User>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const me = await api<MeResponse>('/api/auth/me');
      setCsrfToken(me.csrf_token);
      setUser(me.user);
    } catch {
      // Server unreachable or starting: treat as signed out; pages show their own errors.
      setUser(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (email: string, password: string) => {
    const me = await api<MeResponse>('/api/auth/login', { body: { email, password } });
    setCsrfToken(me.csrf_token);
    setUser(me.user);
    return me.user as User;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api<void>('/api/auth/logout', { method: 'POST' });
    } catch {
      // An expired session is signed out already; the local state is cleared either way.
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, login, logout, refresh }), [user, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The signed-in user (null = anonymous, undefined = still checking) and sign-in/out actions. */
export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}

/** Sign-out for buttons (top bar, menu, account page): ends the session, then goes home. */
export function useSignOut(): { signOut(): Promise<void>; busy: boolean } {
  const { logout } = useAuth();
  const [busy, setBusy] = useState(false);
  const signOut = useCallback(async () => {
    setBusy(true);
    try {
      await logout();
    } finally {
      setBusy(false);
    }
    navigate('/');
  }, [logout]);
  return { signOut, busy };
}
