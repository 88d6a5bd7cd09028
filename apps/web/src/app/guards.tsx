import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '@steward/contracts';
import { ForbiddenResult } from './components/StatusResults.tsx';
import { usePermission, useSession } from './session.tsx';

export interface ReturnState {
  from?: string;
}

/** Sends anonymous visitors to /login (remembering where they wanted to go) and enforces a forced password change. */
export function RequireSignIn({
  children,
  passwordChange = false,
}: {
  children: ReactNode;
  passwordChange?: boolean;
}) {
  const { state, ended } = useSession();
  const location = useLocation();
  if (state.status !== 'signedIn') {
    // After an explicit sign-out the next person starts at the dashboard, not on the last page.
    const from = ended === 'logout' ? undefined : `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/login" replace state={{ from } satisfies ReturnState} />;
  }
  if (state.user.mustChangePassword && !passwordChange) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

/** Renders the page only for holders of the permission; nothing of the page (nor its requests) otherwise. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission | readonly Permission[];
  children: ReactNode;
}) {
  const can = usePermission();
  return can(permission) ? <>{children}</> : <ForbiddenResult />;
}
