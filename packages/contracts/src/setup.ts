import { Type, type Static } from 'typebox';
import { NewPassword } from './auth.ts';

export const SetupStatus = Type.Object({ needsSetup: Type.Boolean() });
export type SetupStatus = Static<typeof SetupStatus>;

export const Username = Type.String({
  minLength: 3,
  maxLength: 32,
  pattern: '^[a-z0-9][a-z0-9_.-]*$',
  description: 'lower-case letters, digits, _ . -',
});

export const SetupBody = Type.Object(
  {
    organizationName: Type.String({ minLength: 1, maxLength: 100 }),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    adminUsername: Username,
    adminDisplayName: Type.String({ minLength: 1, maxLength: 50 }),
    adminPassword: NewPassword,
  },
  { additionalProperties: false },
);
export type SetupBody = Static<typeof SetupBody>;
