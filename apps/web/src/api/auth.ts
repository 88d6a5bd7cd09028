import type {
  AuthResponse,
  ChangePasswordBody,
  LoginBody,
  OkResponse,
  SetupBody,
  SetupStatus,
} from '@steward/contracts';
import { api, ApiError } from './client.ts';

export const getSetupStatus = () => api.get<SetupStatus>('/api/v1/setup');

export const runSetup = (body: SetupBody) => api.post<AuthResponse>('/api/v1/setup', body);

export const login = (body: LoginBody) =>
  api.post<AuthResponse>('/api/v1/auth/login', body, { expectUnauthorized: true });

export const logout = () => api.post<OkResponse>('/api/v1/auth/logout');

export const changePassword = (body: ChangePasswordBody) =>
  api.post<AuthResponse>('/api/v1/auth/password', body);

/** The current session, or null when nobody is signed in. */
export async function getMe(): Promise<AuthResponse | null> {
  try {
    return await api.get<AuthResponse>('/api/v1/auth/me', undefined, { expectUnauthorized: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
