export { authRoutes, setSessionCookie } from './auth.routes.ts';
export { login, type AuthDeps, type LoginResult } from './auth.service.ts';
