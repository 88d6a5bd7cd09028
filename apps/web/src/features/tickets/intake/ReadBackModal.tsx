import { useEffect, useRef, type ReactNode } from 'react';
import { Descriptions, Modal, Typography } from 'antd';
import { SoundOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { testId } from '../../../app/testId.ts';

interface Props {
  open: boolean;
  sentence: string;
  summary: { label: string; value: ReactNode }[];
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * 复述确认: the record in one sentence the agent reads to the caller, then Enter saves it. A
 * second Enter while saving does nothing (and the idempotency key covers a second request anyway).
 */
export function ReadBackModal({ open, sentence, summary, pending, error, onConfirm, onCancel }: Props) {
  const t = useT();
  const confirmRef = useRef(onConfirm);
  useEffect(() => {
    confirmRef.current = onConfirm;
  }, [onConfirm]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      // The Enter that opened this dialog (in the description) is still travelling up to the window
      // when the dialog mounts; it was handled there, so it must not also confirm.
      if (event.key !== 'Enter' || event.isComposing || event.shiftKey || event.defaultPrevented) return;
      event.preventDefault();
      if (!pending) confirmRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, pending]);

  return (
    <Modal
      open={open}
      title={t('intake.readBackTitle')}
      okText={t('intake.confirm')}
      cancelText={t('intake.back')}
      onOk={onConfirm}
      onCancel={onCancel}
      confirmLoading={pending}
      width={640}
      destroyOnHidden
      okButtonProps={{ ...testId('intake-confirm') }}
      cancelButtonProps={{ ...testId('intake-back') }}
    >
      <ErrorAlert error={error} />
      <div
        style={{
          background: '#f5f8ff',
          border: '1px solid #d6e4ff',
          borderRadius: 8,
          padding: '14px 16px',
          marginBottom: 12,
        }}
      >
        <Typography.Paragraph
          style={{ fontSize: 17, lineHeight: 1.7, margin: 0 }}
          data-testid="intake-read-back"
        >
          <SoundOutlined style={{ color: '#155eef', marginInlineEnd: 8 }} />
          {sentence}
        </Typography.Paragraph>
      </div>
      <Descriptions
        size="small"
        column={2}
        items={summary.map((item, i) => ({ key: i, label: item.label, children: item.value }))}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        {t('intake.readBackHelp')}
      </Typography.Text>
    </Modal>
  );
}
