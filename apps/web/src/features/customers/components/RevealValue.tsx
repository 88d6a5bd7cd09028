import { useEffect, useState } from 'react';
import { App, Button, Flex, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { RevealableField } from '@steward/contracts/catalogues';
import { revealCustomerField } from '../../../api/customers.ts';
import { errorText } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';

/** How long a revealed value stays on screen before it is masked again. */
export const REVEAL_SECONDS = 30;

interface Props {
  customerId: string;
  field: RevealableField;
  /** Which phone, when the customer has several. */
  index?: number;
  masked: string;
  canReveal: boolean;
}

/**
 * A masked phone or ID number with an eye button: the full value comes from the server (which
 * records the view in the audit log), stays for 30 seconds, then is masked again.
 */
export function RevealValue({ customerId, field, index, masked, canReveal }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [left, setLeft] = useState(0);
  const testKey = `${field}${index === undefined ? '' : `-${index}`}`;

  const reveal = useMutation({
    mutationFn: () => revealCustomerField(customerId, { field, ...(index === undefined ? {} : { index }) }),
    onSuccess: (answer) => {
      setValue(answer.value);
      setLeft(REVEAL_SECONDS);
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  useEffect(() => {
    if (value === null) return;
    if (left <= 0) {
      setValue(null);
      return;
    }
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [value, left]);

  const shown = value ?? masked;
  return (
    <Flex gap={4} align="center" wrap>
      <Typography.Text
        copyable={value ? { text: value } : false}
        style={{ fontVariantNumeric: 'tabular-nums' }}
        strong={Boolean(value)}
        data-testid={`pii-${testKey}`}
      >
        {shown}
      </Typography.Text>
      {canReveal ? (
        value ? (
          <>
            <Button
              type="link"
              size="small"
              icon={<EyeInvisibleOutlined />}
              onClick={() => setValue(null)}
              data-testid={`pii-hide-${testKey}`}
            >
              {t('pii.hide')}
            </Button>
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid={`pii-audited-${testKey}`}>
              {t('pii.audited', { seconds: left })}
            </Typography.Text>
          </>
        ) : (
          <Tooltip title={t('pii.revealHelp')}>
            <Button
              type="link"
              size="small"
              icon={<EyeOutlined />}
              loading={reveal.isPending}
              onClick={() => reveal.mutate()}
              data-testid={`pii-reveal-${testKey}`}
            >
              {t('pii.reveal')}
            </Button>
          </Tooltip>
        )
      ) : null}
    </Flex>
  );
}
