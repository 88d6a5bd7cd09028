import type { Alert } from '@steward/contracts';
import { CLOCKS, type AlertKind, type ClockKind } from '@steward/contracts/catalogues';
import type { TFunction } from '../../app/i18n/types.ts';

/** Warnings are orange, everything past a deadline red, an escalation magenta as on the records. */
export const ALERT_COLORS: Record<AlertKind, string> = {
  warning: 'orange',
  breach: 'red',
  escalation: 'magenta',
  promise_warning: 'gold',
  promise_broken: 'red',
};

/** Whether the alert is about something already late (an error notice) rather than about to be. */
export function isLate(kind: AlertKind): boolean {
  return kind !== 'warning' && kind !== 'promise_warning';
}

export function alertKindLabel(alert: Pick<Alert, 'kind' | 'level'>, t: TFunction): string {
  return alert.kind === 'escalation'
    ? t('sla.alertKind.escalation', { level: Math.max(1, alert.level) })
    : t(`sla.alertKind.${alert.kind}`);
}

/** The clock an alert is about (接单, 到场 …), or 承诺 for a promise. */
export function alertClockLabel(clock: string, t: TFunction): string {
  return (CLOCKS as readonly string[]).includes(clock)
    ? t(`clock.${clock as ClockKind}`)
    : t('sla.clock.promise');
}

/** The live notice: "BX-20261123-0007 即将超时（接单）"; a promise's kind already says it is one. */
export function alertNotice(
  alert: Pick<Alert, 'kind' | 'level' | 'clock' | 'ticketNumber'>,
  t: TFunction,
): string {
  const kind = alertKindLabel(alert, t);
  return alert.clock === 'promise'
    ? t('sla.alerts.noticePromise', { number: alert.ticketNumber, kind })
    : t('sla.alerts.notice', { number: alert.ticketNumber, kind, clock: alertClockLabel(alert.clock, t) });
}
