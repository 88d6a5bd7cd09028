import { Type, type Static } from 'typebox';
import { Id, Nullable, PageQuery, Timestamp, Version } from './common.ts';
import { DataScope, NewPassword } from './auth.ts';
import { Username } from './setup.ts';

export const UserStatus = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
export type UserStatus = Static<typeof UserStatus>;

const RoleCodes = Type.Array(Type.String({ minLength: 1, maxLength: 32 }), {
  minItems: 1,
  maxItems: 20,
  uniqueItems: true,
});
const Phone = Type.String({ maxLength: 32, pattern: '^[0-9+\\- ()]*$' });
const Email = Type.String({ maxLength: 200, format: 'email' });

export const User = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  status: UserStatus,
  roles: Type.Array(Type.String()),
  scope: DataScope,
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(Timestamp),
  createdAt: Timestamp,
  version: Type.Integer(),
});
export type User = Static<typeof User>;

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  role: Type.Optional(Type.String({ maxLength: 32 })),
  status: Type.Optional(UserStatus),
  ...PageQuery,
});
export type UserListQuery = Static<typeof UserListQuery>;

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    password: NewPassword,
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
    roles: RoleCodes,
    scope: DataScope,
    mustChangePassword: Type.Optional(
      Type.Boolean({ default: true, description: 'ask for a new password at first sign-in' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    version: Version,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
    roles: Type.Optional(RoleCodes),
    scope: Type.Optional(DataScope),
    status: Type.Optional(UserStatus),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Type.Object({ newPassword: NewPassword }, { additionalProperties: false });
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;
