import type { FormInstance } from 'antd';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';
import type { TFunction } from './i18n/types.ts';

/** What to tell a person about a failure: the server's own (localised) message when there is one. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('error.network');
    return error.message || t('error.unexpected');
  }
  return t('error.unexpected');
}

export function isApiError(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code;
}

interface FieldMapping {
  byField: Map<string, string[]>;
  unmatched: number;
}

/** Matches the server's field names (`body.scope.all`) to the form's top-level fields (`scope`). */
function mapFieldErrors(form: FormInstance, error: ApiError): FieldMapping {
  const mounted = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  let unmatched = 0;
  for (const { field, reason } of error.fieldErrors) {
    const name = field.replace(/^body\./, '').split('.')[0] ?? '';
    if (!mounted.has(name)) {
      unmatched += 1;
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), reason]);
  }
  return { byField, unmatched };
}

/** Puts the server's per-field reasons on the form's own fields (`body.username` → `username`). */
export function applyFieldErrors(form: FormInstance, error: unknown): void {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return;
  const { byField } = mapFieldErrors(form, error);
  form.setFields([...byField.entries()].map(([name, errors]) => ({ name, errors })));
}

/** True when every reason of the error sits on a field of the form, so a banner would only repeat it. */
export function shownOnFields(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return false;
  return mapFieldErrors(form, error).unmatched === 0;
}
