import type { ReactNode } from 'react';
import { EnvironmentOutlined, UserOutlined } from '@ant-design/icons';
import type { TicketSummary } from '@steward/contracts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { DueText } from './DueText.tsx';
import { JobTags } from './JobTags.tsx';
import { URGENCY_COLOR } from './labels.ts';

/** One job in a queue: what a technician needs to decide where to go next. The whole card opens it. */
export function JobCard({
  job,
  now,
  onOpen,
  footer,
}: {
  job: TicketSummary;
  now: number;
  onOpen: () => void;
  footer?: ReactNode;
}) {
  const t = useT();
  const reporter = [job.reporterName, job.reporterPhone].filter(Boolean).join(' ');
  return (
    <div
      className="fld-card"
      style={{ borderLeftColor: URGENCY_COLOR[job.urgency] ?? 'transparent' }}
      data-testid={`job-card-${job.number}`}
    >
      <div role="button" tabIndex={0} onClick={onOpen} onKeyDown={(e) => e.key === 'Enter' && onOpen()}>
        <div className="fld-card-row">
          <JobTags urgency={job.urgency} status={job.status} />
          <span className="fld-number fld-ellipsis">{job.number}</span>
        </div>
        <div className="fld-card-row fld-category">{job.categoryName}</div>
        <div className="fld-card-row">
          <EnvironmentOutlined />
          <span className="fld-ellipsis">
            {job.location}
            <span className="fld-muted"> · {job.projectName}</span>
          </span>
        </div>
        <div className="fld-card-row fld-muted">
          <UserOutlined />
          <span className="fld-ellipsis">{reporter || t('field.anonymous')}</span>
        </div>
        <div className="fld-card-row">
          <DueText dueAt={job.nextDueAt} now={now} />
        </div>
      </div>
      {footer ? <div style={{ marginTop: 12 }}>{footer}</div> : null}
    </div>
  );
}
