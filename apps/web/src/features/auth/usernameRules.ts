import type { FormRule } from 'antd';
import type { TFunction } from '../../app/i18n/types.ts';

/** Mirrors contracts' Username: 3–32 lower-case letters, digits, `_ . -`, starting with a letter or digit. */
export function usernameRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('user.usernameRequired') },
    { min: 3, max: 32, message: t('user.usernameHelp') },
    { pattern: /^[a-z0-9][a-z0-9_.-]*$/, message: t('user.usernameHelp') },
  ];
}
