import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { SetupPage } from '../features/auth/SetupPage.tsx';
import { AppShell } from './AppShell.tsx';
import { FullPageSpin, NotFoundResult, PageSpin, StartupError } from './components/StatusResults.tsx';
import { RequirePermission, RequireSignIn, type ReturnState } from './guards.tsx';
import { DETAIL_ROUTES, NAV_ITEMS } from './navigation.tsx';
import { useSession } from './session.tsx';
import { homePath, isNarrowScreen } from '../mobile/field/landing.ts';

/** Pages load on first visit, so the sign-in page does not wait for every screen of the console. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const PAGES: Record<string, ComponentType> = {
  dashboard: page(() => import('../features/dashboard/DashboardPage.tsx'), 'DashboardPage'),
  'kpi-time': page(() => import('../features/kpi/TimeDashboardPage.tsx'), 'TimeDashboardPage'),
  property: page(() => import('../features/property/PropertyPage.tsx'), 'PropertyPage'),
  customers: page(() => import('../features/customers/CustomersPage.tsx'), 'CustomersPage'),
  customer: page(() => import('../features/customers/CustomerPage.tsx'), 'CustomerPage'),
  'import-export': page(() => import('../features/archive/ImportExportPage.tsx'), 'ImportExportPage'),
  'desk-intake': page(() => import('../features/tickets/IntakePage.tsx'), 'IntakePage'),
  'desk-tickets': page(() => import('../features/tickets/TicketsPage.tsx'), 'TicketsPage'),
  'desk-ticket': page(() => import('../features/tickets/TicketPage.tsx'), 'TicketPage'),
  'sd-categories': page(() => import('../features/servicedesk/CategoriesPage.tsx'), 'CategoriesPage'),
  'sd-departments': page(() => import('../features/servicedesk/DepartmentsPage.tsx'), 'DepartmentsPage'),
  'sd-roster': page(() => import('../features/servicedesk/RosterPage.tsx'), 'RosterPage'),
  'sd-prices': page(() => import('../features/servicedesk/PriceListPage.tsx'), 'PriceListPage'),
  'ts-policies': page(() => import('../features/timestandards/PoliciesPage.tsx'), 'PoliciesPage'),
  'ts-calendars': page(() => import('../features/timestandards/CalendarsPage.tsx'), 'CalendarsPage'),
  users: page(() => import('../features/users/UsersPage.tsx'), 'UsersPage'),
  roles: page(() => import('../features/roles/RolesPage.tsx'), 'RolesPage'),
  tokens: page(() => import('../features/tokens/TokensPage.tsx'), 'TokensPage'),
  audit: page(() => import('../features/audit/AuditPage.tsx'), 'AuditPage'),
};

/** The technician's phone pages: a frame of their own (antd-mobile), outside the console's shell. */
const FieldApp = page(() => import('../mobile/field/FieldApp.tsx'), 'FieldApp');

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpin />}>{children}</Suspense>;
}

/** /login for visitors; a signed-in user goes back to where they were headed. */
function LoginRoute() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'signedIn') {
    const from = (location.state as ReturnState | null)?.from;
    const home = homePath(state.user.permissions, isNarrowScreen());
    return <Navigate to={from && from !== '/login' && from !== '/' ? from : home} replace />;
  }
  return <LoginPage />;
}

export function AppRoutes() {
  const { state } = useSession();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'error') return <StartupError error={state.error} onRetry={state.retry} />;
  if (state.status === 'setup') {
    return (
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="*" element={<Navigate to="/setup" replace />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route path="/setup" element={<Navigate to="/" replace />} />
      <Route path="/login" element={<LoginRoute />} />
      <Route
        path="/change-password"
        element={
          <RequireSignIn passwordChange>
            <ChangePasswordPage />
          </RequireSignIn>
        }
      />
      <Route
        path="/m/*"
        element={
          <RequireSignIn>
            <RequirePermission permission="tickets.work">
              <Lazy>
                <FieldApp />
              </Lazy>
            </RequirePermission>
          </RequireSignIn>
        }
      />
      <Route
        element={
          <RequireSignIn>
            <AppShell />
          </RequireSignIn>
        }
      >
        {/* The property page took over the projects list; old links still land there. */}
        <Route path="/projects" element={<Navigate to="/property" replace />} />
        {[...NAV_ITEMS, ...DETAIL_ROUTES].map((item) => {
          const Page = PAGES[item.key];
          if (!Page) return null;
          return (
            <Route
              key={item.key}
              path={item.path}
              element={
                <RequirePermission permission={item.permission}>
                  <Lazy>
                    <Page />
                  </Lazy>
                </RequirePermission>
              }
            />
          );
        })}
        <Route path="*" element={<NotFoundResult />} />
      </Route>
    </Routes>
  );
}
