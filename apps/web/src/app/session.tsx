import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuthResponse, Permission, SessionUser } from '@steward/contracts';
import { getMe, getSetupStatus } from '../api/auth.ts';
import { setCsrfToken, setSessionHooks } from '../api/client.ts';
import { queryKeys } from '../api/keys.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'setup' }
  | { status: 'anonymous' }
  | { status: 'signedIn'; user: SessionUser };

interface SessionValue {
  state: SessionState;
  /** Takes the answer of login, setup or password change as the current session. */
  signIn: (auth: AuthResponse) => void;
  /**
   * Forgets the session locally: 'logout' when the user signed out (the next sign-in starts afresh),
   * 'lost' when the server said it is gone (the next sign-in returns to the page they were on).
   */
  clear: (reason?: SessionEnd) => void;
  /** How the last session ended, if it did in this tab. */
  ended: SessionEnd | null;
}

export type SessionEnd = 'logout' | 'lost';

const SessionContext = createContext<SessionValue | null>(null);

async function loadSession(): Promise<AuthResponse | null> {
  const auth = await getMe();
  setCsrfToken(auth?.csrfToken ?? null);
  return auth;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const setup = useQuery({ queryKey: queryKeys.setup, queryFn: getSetupStatus, staleTime: Infinity });
  const needsSetup = setup.data?.needsSetup;
  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: loadSession,
    // Asked beside the setup status, not after it: the first screen waits for one round trip, not two.
    // (On an installation still to be set up the answer is simply "nobody signed in".)
    enabled: needsSetup !== true,
    staleTime: Infinity,
    retry: false,
  });

  const [ended, setEnded] = useState<SessionEnd | null>(null);

  const clear = useCallback(
    (reason: SessionEnd = 'lost') => {
      setEnded(reason);
      setCsrfToken(null);
      queryClient.setQueryData<AuthResponse | null>(queryKeys.me, null);
      // Drop every cached page of the old session; the setup and session entries stay observed.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'setup' && q.queryKey[0] !== 'me' });
    },
    [queryClient],
  );

  const signIn = useCallback(
    (auth: AuthResponse) => {
      setEnded(null);
      setCsrfToken(auth.csrfToken);
      queryClient.setQueryData(queryKeys.setup, { needsSetup: false });
      queryClient.setQueryData<AuthResponse | null>(queryKeys.me, auth);
    },
    [queryClient],
  );

  useEffect(() => {
    setSessionHooks({
      onUnauthorized: () => clear('lost'),
      onPasswordChangeRequired: () => void queryClient.invalidateQueries({ queryKey: queryKeys.me }),
    });
    return () => setSessionHooks(null);
  }, [clear, queryClient]);

  const state = useMemo<SessionState>(() => {
    if (setup.isError) return { status: 'error', error: setup.error, retry: () => void setup.refetch() };
    if (setup.isPending) return { status: 'loading' };
    if (needsSetup) return { status: 'setup' };
    if (me.isError) return { status: 'error', error: me.error, retry: () => void me.refetch() };
    if (me.isPending) return { status: 'loading' };
    return me.data ? { status: 'signedIn', user: me.data.user } : { status: 'anonymous' };
  }, [setup, needsSetup, me]);

  const value = useMemo(() => ({ state, signIn, clear, ended }), [state, signIn, clear, ended]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useCurrentUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useCurrentUser needs a signed-in session');
  return state.user;
}

/** A check of the signed-in user's permissions; a list asks for any one of them. */
export function usePermission(): (permission: Permission | readonly Permission[]) => boolean {
  const user = useCurrentUser();
  return useCallback(
    (permission: Permission | readonly Permission[]) =>
      typeof permission === 'string'
        ? user.permissions.includes(permission)
        : permission.some((p) => user.permissions.includes(p)),
    [user],
  );
}
