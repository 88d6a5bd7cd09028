import { Fragment } from 'react';
import { Card, Flex, Tag, Tooltip, Typography } from 'antd';
import type { Ticket, TicketClock } from '@steward/contracts';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { Countdown, EscalationBadge } from '../components/Countdown.tsx';

const TIGHT = { marginInlineEnd: 0 };
const short = (iso: string) => formatDateTime(iso).slice(5, 16);

/** How a clock stands: a live countdown while it runs, else how it ended (按时 / 超时 / 已取消). */
function ClockStatus({ clock }: { clock: TicketClock }) {
  const t = useT();
  if (clock.outcome === 'running')
    return (
      <Countdown
        dueAt={clock.dueAt}
        warnAt={clock.warnAt}
        startedAt={clock.startedAt}
        paused={clock.pausedAt !== null}
        escalationLevel={clock.escalationLevel}
        testId={`clock-status-${clock.clock}`}
      />
    );
  const color = clock.outcome === 'met' ? 'green' : clock.outcome === 'breached' ? 'red' : 'default';
  return (
    <Flex gap={4} align="center" wrap>
      <Tooltip
        title={clock.stoppedAt ? t('sla.clocks.stoppedAt', { time: short(clock.stoppedAt) }) : undefined}
      >
        <Tag color={color} style={TIGHT} data-testid={`clock-status-${clock.clock}`}>
          {t(`sla.outcome.${clock.outcome}`)}
        </Tag>
      </Tooltip>
      <EscalationBadge level={clock.escalationLevel} />
    </Flex>
  );
}

/**
 * 时限 / Service levels: each clock of the current cycle with its deadline and a countdown or its
 * outcome, and the standard (policy and version) and calendar that set them.
 */
export function ClocksCard({ ticket }: { ticket: Ticket }) {
  const t = useT();
  if (ticket.clocks.length === 0) return null;
  // Usually one standard sets every clock; a reclassified record may show two.
  const policies = [
    ...new Map(ticket.clocks.map((c) => [`${c.policyId}:${c.policyVersion}`, c] as const)).values(),
  ];
  return (
    <Card
      size="small"
      title={t('sla.clocks.title')}
      extra={
        <Flex gap={4} wrap justify="flex-end">
          {policies.map((c) => (
            <Fragment key={`${c.policyId}:${c.policyVersion}`}>
              <Tooltip title={t('sla.clocks.policyHelp', { name: c.policyName, version: c.policyVersion })}>
                <Tag style={TIGHT} data-testid="clocks-policy">
                  {t('sla.clocks.policy', { name: c.policyName, version: c.policyVersion })}
                </Tag>
              </Tooltip>
              <Tooltip title={c.alwaysOpen ? undefined : t('sla.calendar.workingHelp')}>
                <Tag color={c.alwaysOpen ? 'purple' : 'cyan'} style={TIGHT}>
                  {c.alwaysOpen ? t('sla.calendar.alwaysOpen') : t('sla.calendar.working')}
                </Tag>
              </Tooltip>
            </Fragment>
          ))}
        </Flex>
      }
      data-testid="ticket-clocks"
    >
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'auto auto 1fr',
          columnGap: 12,
          rowGap: 8,
          alignItems: 'center',
        }}
      >
        {ticket.clocks.map((clock) => (
          <Fragment key={clock.clock}>
            <Typography.Text type="secondary">{t(`clock.${clock.clock}`)}</Typography.Text>
            <Tooltip title={t('sla.clocks.started', { time: short(clock.startedAt) })}>
              <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>
                {short(clock.dueAt)}
              </Typography.Text>
            </Tooltip>
            <span data-testid={`clock-${clock.clock}`}>
              <ClockStatus clock={clock} />
            </span>
          </Fragment>
        ))}
      </div>
    </Card>
  );
}
