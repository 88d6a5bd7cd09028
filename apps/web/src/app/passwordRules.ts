import type { FormRule } from 'antd';
import type { TFunction } from './i18n/types.ts';

/** Mirrors the server's rule (contracts NewPassword): 8–128 characters with a letter and a digit. */
export function newPasswordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('password.required') },
    { min: 8, max: 128, message: t('password.rule') },
    { pattern: /^(?=.*[A-Za-z])(?=.*[0-9]).*$/, message: t('password.rule') },
  ];
}

/** The "repeat the password" field must equal the field named `field`. */
export function confirmPasswordRules(t: TFunction, field: string): FormRule[] {
  return [
    { required: true, message: t('password.confirmRequired') },
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) =>
        !value || getFieldValue(field) === value
          ? Promise.resolve()
          : Promise.reject(new Error(t('password.mismatch'))),
    }),
  ];
}
