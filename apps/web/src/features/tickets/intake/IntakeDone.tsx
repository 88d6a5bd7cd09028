import { useEffect, useRef } from 'react';
import { Button, Card, Result, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Ticket } from '@steward/contracts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { StatusTag } from '../components/TicketTags.tsx';

interface Props {
  ticket: Ticket;
  sentence: string;
  onNext: () => void;
}

/** The number to tell the caller, then straight on to the next call (Enter). */
export function IntakeDone({ ticket, sentence, onNext }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const nextRef = useRef(onNext);
  useEffect(() => {
    nextRef.current = onNext;
  }, [onNext]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.isComposing || event.defaultPrevented) return;
      // Enter on a focused link or button does what that element says.
      const target = event.target as HTMLElement | null;
      if (target && target.closest('a, button')) return;
      event.preventDefault();
      nextRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const closed = ticket.closedAt !== null;
  return (
    <Card data-testid="intake-done">
      <Result
        status="success"
        title={
          <span>
            {closed ? t('intake.savedClosed') : t('intake.saved')}{' '}
            <Typography.Text
              copyable
              strong
              style={{ fontSize: 24, fontVariantNumeric: 'tabular-nums' }}
              data-testid="intake-number"
            >
              {ticket.number}
            </Typography.Text>
          </span>
        }
        subTitle={
          <>
            <StatusTag status={ticket.status} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {sentence}
            </Typography.Paragraph>
          </>
        }
        extra={[
          <Button key="next" type="primary" onClick={onNext} data-testid="intake-next">
            {t('intake.next')}
          </Button>,
          <Button
            key="open"
            onClick={() => navigate(`/desk/tickets/${ticket.id}`)}
            data-testid="intake-open-record"
          >
            {t('intake.open')}
          </Button>,
        ]}
      />
      <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', fontSize: 12 }}>
        {t('intake.nextHelp')}
      </Typography.Text>
    </Card>
  );
}
