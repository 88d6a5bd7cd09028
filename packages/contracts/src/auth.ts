import { Type, type Static } from 'typebox';
import { Id, Nullable } from './common.ts';

export const ProjectScope = Type.Object(
  {
    projectId: Id,
    buildingIds: Type.Array(Id, {
      maxItems: 500,
      uniqueItems: true,
      description: 'empty = the whole project; otherwise only these buildings (a butler’s patch)',
    }),
  },
  { additionalProperties: false },
);
export type ProjectScope = Static<typeof ProjectScope>;

export const DataScope = Type.Object(
  {
    all: Type.Boolean({ description: 'every project of the organisation' }),
    projects: Type.Array(ProjectScope, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type DataScope = Static<typeof DataScope>;

export const SessionUser = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  orgId: Id,
  orgName: Type.String(),
  roles: Type.Array(Type.String()),
  roleNames: Type.Record(Type.String(), Type.String(), {
    description: 'role code → its name, for labelling custom roles',
  }),
  permissions: Type.Array(Type.String()),
  scope: DataScope,
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
});
export type SessionUser = Static<typeof SessionUser>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const AuthResponse = Type.Object({
  user: SessionUser,
  csrfToken: Type.String({ description: 'send as x-csrf-token on writes made with the session cookie' }),
});
export type AuthResponse = Static<typeof AuthResponse>;

/** Password rules: 8–128 characters with at least a letter and a digit. */
export const NewPassword = Type.String({
  minLength: 8,
  maxLength: 128,
  pattern: '^(?=.*[A-Za-z])(?=.*[0-9]).*$',
});

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: NewPassword },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
