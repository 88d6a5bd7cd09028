import type { Locale } from '@steward/contracts';
import { enUS } from '../../app/i18n/en-US.ts';
import type { TFunction } from '../../app/i18n/types.ts';
import { zhCN } from '../../app/i18n/zh-CN.ts';

/** The real dictionaries as a `t`, for tests of pure helpers that word things (no React needed). */
export function interpolateForTest(locale: Locale): TFunction {
  const dictionary = locale === 'zh-CN' ? zhCN : enUS;
  return (key, params) =>
    dictionary[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
}
