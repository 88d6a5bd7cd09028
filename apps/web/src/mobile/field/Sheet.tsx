import type { ReactNode } from 'react';
import { Button, Popup } from 'antd-mobile';
import { useT } from '../../app/i18n/I18nProvider.tsx';

/** A bottom sheet with a title, its fields and two big buttons: thumbs reach the bottom of the screen. */
export function Sheet({
  visible,
  title,
  children,
  onClose,
  onSubmit,
  submitText,
  submitting = false,
  submitDisabled = false,
  testId,
}: {
  visible: boolean;
  title: string;
  children: ReactNode;
  onClose: () => void;
  onSubmit?: () => void;
  submitText?: string;
  submitting?: boolean;
  submitDisabled?: boolean;
  testId?: string;
}) {
  const t = useT();
  return (
    <Popup
      visible={visible}
      onMaskClick={submitting ? undefined : onClose}
      onClose={onClose}
      destroyOnClose
      bodyStyle={{ borderTopLeftRadius: 16, borderTopRightRadius: 16, maxHeight: '88vh', overflowY: 'auto' }}
    >
      <div className="fld-sheet" data-testid={testId}>
        <div className="fld-sheet-title">{title}</div>
        {children}
        {onSubmit ? (
          <div className="fld-sheet-buttons">
            <Button size="large" className="fld-big" onClick={onClose} disabled={submitting}>
              {t('field.cancel')}
            </Button>
            <Button
              size="large"
              color="primary"
              className="fld-big"
              style={{ flex: 2 }}
              loading={submitting}
              disabled={submitDisabled}
              onClick={onSubmit}
              data-testid="sheet-submit"
            >
              {submitText ?? t('field.submit')}
            </Button>
          </div>
        ) : null}
      </div>
    </Popup>
  );
}
