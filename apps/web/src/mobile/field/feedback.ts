import { Toast } from 'antd-mobile';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../app/errors.ts';
import type { TFunction } from '../../app/i18n/types.ts';

/** The job moved on under us: someone else acted, or the version we sent was stale. */
const MOVED_ON = new Set(['VERSION_CONFLICT', 'ACTION_NOT_ALLOWED']);

export function toastSuccess(content: string): void {
  Toast.show({ icon: 'success', content, duration: 1800 });
}

/**
 * A failed write. When the job moved on, reload it and say so rather than show a bare error;
 * other refusals that mean the job changed (completed meanwhile: 409, gone: 404) reload it too,
 * with the server's own reason.
 */
export function toastFailure(error: unknown, t: TFunction, reload?: () => unknown): void {
  const apiError = error instanceof ApiError ? error : null;
  if (reload && apiError && (apiError.status === 409 || apiError.status === 404)) void reload();
  const content = apiError && MOVED_ON.has(apiError.code) ? t('field.conflict') : errorText(error, t);
  Toast.show({ icon: 'fail', content, duration: 3500 });
}
