import type {
  ApiToken,
  ApiTokenList,
  CreateApiTokenBody,
  CreatedApiToken,
  CreateRoleBody,
  CreateUserBody,
  PageOf,
  ResetPasswordBody,
  Role,
  RoleList,
  UpdateRoleBody,
  UpdateUserBody,
  User,
  UserListQuery,
} from '@steward/contracts';
import { api } from './client.ts';

export const listUsers = (query: UserListQuery) => api.get<PageOf<User>>('/api/v1/users', { ...query });

export const getUser = (id: string) => api.get<User>(`/api/v1/users/${id}`);

export const createUser = (body: CreateUserBody) => api.post<User>('/api/v1/users', body);

export const updateUser = (id: string, body: UpdateUserBody) => api.patch<User>(`/api/v1/users/${id}`, body);

export const resetUserPassword = (id: string, body: ResetPasswordBody) =>
  api.post<User>(`/api/v1/users/${id}/reset-password`, body);

export const revokeUserSessions = (id: string) =>
  api.post<{ revoked: number }>(`/api/v1/users/${id}/revoke-sessions`);

export const listRoles = async (): Promise<Role[]> => (await api.get<RoleList>('/api/v1/roles')).items;

export const createRole = (body: CreateRoleBody) => api.post<Role>('/api/v1/roles', body);

export const updateRole = (id: string, body: UpdateRoleBody) => api.patch<Role>(`/api/v1/roles/${id}`, body);

export const listApiTokens = async (): Promise<ApiToken[]> =>
  (await api.get<ApiTokenList>('/api/v1/api-tokens')).items;

export const createApiToken = (body: CreateApiTokenBody) =>
  api.post<CreatedApiToken>('/api/v1/api-tokens', body);

export const revokeApiToken = (id: string) => api.post<ApiToken>(`/api/v1/api-tokens/${id}/revoke`);
