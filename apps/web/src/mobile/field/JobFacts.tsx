import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import { PhoneOutlined } from '@ant-design/icons';
import type { Ticket } from '@steward/contracts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { telHref } from './dial.ts';
import { useFieldLabels } from './labels.ts';

const shortTime = (iso: string | null) => (iso ? dayjs(iso).format('MM-DD HH:mm') : null);

/** Where, who, and by when: the facts a technician needs on the way. */
export function JobFacts({ job }: { job: Ticket }) {
  const t = useT();
  const labels = useFieldLabels();
  const call = telHref(job.reporterPhone);
  const place = [job.projectName, job.buildingName, job.roomLabel ?? job.areaName ?? job.location]
    .filter(Boolean)
    .join(' · ');
  const rows: [string, ReactNode][] = [
    [t('field.job.location'), place],
    [
      t('field.job.reporter'),
      <>
        {job.reporterName ?? (job.reporterPhone ? '' : t('field.anonymous'))}{' '}
        {job.reporterPhone && !call ? (
          <span className="fld-muted" data-testid="reporter-phone">
            {job.reporterPhone}
          </span>
        ) : null}
      </>,
    ],
    [t('field.job.received'), shortTime(job.receivedAt)],
    [t('field.job.arriveBy'), shortTime(job.deadlines.arriveBy)],
    [t('field.job.completeBy'), shortTime(job.deadlines.completeBy)],
    [
      t('field.job.holdReason'),
      job.status === 'on_hold' && job.holdReason ? labels.holdReason(job.holdReason) : null,
    ],
    [t('field.job.department'), job.department?.name],
    [t('field.job.assignee'), job.assignee?.name],
  ];
  return (
    <>
      <dl className="fld-facts">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {call ? (
        <a
          className="adm-button adm-button-primary adm-button-fill-outline adm-button-large fld-big"
          style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 8, marginTop: 12 }}
          href={call}
          data-testid="reporter-call"
        >
          <PhoneOutlined /> {t('field.job.call')} {job.reporterPhone}
        </a>
      ) : job.reporterPhone ? (
        <div className="fld-muted" style={{ marginTop: 8, fontSize: 14 }}>
          {t('field.job.phoneMasked')}
        </div>
      ) : null}
    </>
  );
}
