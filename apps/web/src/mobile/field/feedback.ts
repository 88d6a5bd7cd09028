import { Toast } from 'antd-mobile';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../app/errors.ts';
import type { TFunction } from '../../app/i18n/types.ts';

export function toastSuccess(content: string): void {
  Toast.show({ icon: 'success', content, duration: 1800 });
}

/**
 * A failed write. A 409 means the job moved on under us (someone else acted, or the version was
 * stale): reload it and say so rather than show a bare error.
 */
export function toastFailure(error: unknown, t: TFunction, reload?: () => unknown): void {
  if (error instanceof ApiError && error.status === 409 && reload) {
    void reload();
    Toast.show({ icon: 'fail', content: t('field.conflict'), duration: 3500 });
    return;
  }
  Toast.show({ icon: 'fail', content: errorText(error, t), duration: 3000 });
}
