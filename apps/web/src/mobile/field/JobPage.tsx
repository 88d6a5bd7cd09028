import { DotLoading, PullToRefresh } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router-dom';
import type { TicketStatus } from '@steward/contracts/catalogues';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { useCurrentUser } from '../../app/session.tsx';
import { ConfirmSection } from './ConfirmSection.tsx';
import { DueText } from './DueText.tsx';
import { FieldTopBar } from './FieldTopBar.tsx';
import { JobActions } from './JobActions.tsx';
import { JobFacts } from './JobFacts.tsx';
import { JobTags } from './JobTags.tsx';
import { LinesSection } from './LinesSection.tsx';
import { PhotoSection } from './PhotoSection.tsx';
import { useJob, useJobAction, type JobActionRequest } from './useJob.ts';
import { useNow } from './useNow.ts';

/** The assignee adds photos from acceptance until the owner confirms (after photos may come last)… */
const PHOTOS_OPEN: readonly TicketStatus[] = ['accepted', 'arrived', 'in_progress', 'on_hold', 'completed'];
/** …and materials and charges until completion (the server closes the lines then). */
const LINES_OPEN: readonly TicketStatus[] = ['accepted', 'arrived', 'in_progress', 'on_hold'];

/** /m/jobs/:id: one job, its facts, the next step, photos, materials and charges, and the owner's confirmation. */
export function JobPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const now = useNow();
  const query = useJob(id);
  const job = query.data;
  const action = useJobAction(job, () => query.refetch());

  const back = () => navigate('/m/jobs');

  // Failures are already reported by the mutation; callers only learn whether it went through.
  const run = async (request: JobActionRequest, version?: number) => {
    try {
      await action.mutateAsync({ request, version });
    } catch {
      return false;
    }
    if (request.action === 'decline') back();
    return true;
  };

  if (query.isPending) {
    return (
      <div className="fld-page">
        <FieldTopBar title={t('field.title')} onBack={back} />
        <div className="fld-empty">
          <DotLoading color="primary" />
        </div>
      </div>
    );
  }
  if (!job) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="fld-page">
        <FieldTopBar title={t('field.title')} onBack={back} />
        <div className="fld-empty" data-testid="job-missing">
          {missing ? t('field.job.notFound') : t('field.loadFailed')}
        </div>
      </div>
    );
  }

  const mine = job.assignee?.id === user.id;
  const photosOpen = mine && PHOTOS_OPEN.includes(job.status);
  const linesOpen = mine && LINES_OPEN.includes(job.status);

  return (
    <div className="fld-page" style={{ paddingBottom: 0 }} data-testid="job-page">
      <FieldTopBar title={job.number} onBack={back} />
      <PullToRefresh
        onRefresh={async () => {
          await query.refetch();
        }}
      >
        <section className="fld-section">
          <div className="fld-card-row">
            <JobTags urgency={job.urgency} status={job.status} />
          </div>
          <div className="fld-category" style={{ margin: '8px 0 4px' }}>
            {job.categoryPath.join(' / ') || job.categoryName}
          </div>
          {job.status !== 'completed' && job.status !== 'confirmed' ? (
            <DueText dueAt={job.nextDueAt} now={now} />
          ) : null}
          <div className="fld-label">{t('field.job.description')}</div>
          <div className="fld-description" data-testid="job-description">
            {job.description}
          </div>
        </section>
        <section className="fld-section">
          <JobFacts job={job} />
        </section>
        {job.completionNote ? (
          <section className="fld-section">
            <div className="fld-section-title">{t('field.job.completionNote')}</div>
            <div className="fld-description" data-testid="job-completion-note">
              {job.completionNote}
            </div>
          </section>
        ) : null}
        {photosOpen || job.attachments.some((a) => a.stage === 'before' || a.stage === 'after') ? (
          <PhotoSection job={job} editable={photosOpen} />
        ) : null}
        {linesOpen || job.lines.length > 0 ? <LinesSection job={job} editable={linesOpen} /> : null}
        <ConfirmSection job={job} run={run} busy={action.isPending} />
      </PullToRefresh>
      <JobActions job={job} busy={action.isPending} run={run} />
    </div>
  );
}
