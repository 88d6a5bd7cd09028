import { Button, DotLoading, PullToRefresh, Tabs } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { TicketSummary } from '@steward/contracts';
import { actOnJob, fieldKeys, listJobs } from '../../api/field.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { FieldTopBar } from './FieldTopBar.tsx';
import { JobCard } from './JobCard.tsx';
import { toastFailure, toastSuccess } from './feedback.ts';
import { useNow } from './useNow.ts';

type Queue = 'mine' | 'department';

/** Enough for a day's work; the queue is sorted by deadline, so what matters comes first. */
const LIMIT = 100;
const REFRESH_MS = 60_000;

/** Jobs offered to the department: dispatched to it, nobody named yet. */
async function departmentOffers(): Promise<TicketSummary[]> {
  const page = await listJobs({ queue: 'department', status: 'dispatched', sort: 'due', limit: LIMIT });
  return page.items.filter((job) => job.assignee === null);
}

async function myJobs(): Promise<TicketSummary[]> {
  return (await listJobs({ queue: 'mine', open: true, sort: 'due', limit: LIMIT })).items;
}

/** /m/jobs: my open jobs by deadline, and the department's unclaimed jobs to accept. */
export function JobsPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const queue: Queue = params.get('tab') === 'department' ? 'department' : 'mine';

  const mine = useQuery({ queryKey: fieldKeys.jobs('mine'), queryFn: myJobs, refetchInterval: REFRESH_MS });
  const offers = useQuery({
    queryKey: fieldKeys.jobs('department'),
    queryFn: departmentOffers,
    refetchInterval: REFRESH_MS,
  });
  const current = queue === 'mine' ? mine : offers;

  const accept = useMutation({
    mutationFn: (job: TicketSummary) =>
      actOnJob(job.id, { action: 'accept', body: { version: job.version } }),
    onSuccess: (ticket) => {
      queryClient.setQueryData(fieldKeys.job(ticket.id), ticket);
      void queryClient.invalidateQueries({ queryKey: fieldKeys.all });
      toastSuccess(t('field.done.accept'));
      navigate(`/m/jobs/${ticket.id}`);
    },
    onError: (error) => toastFailure(error, t, () => offers.refetch()),
  });

  const open = (job: TicketSummary) => navigate(`/m/jobs/${job.id}`);
  const count = (list: TicketSummary[] | undefined) => (list ? ` ${list.length}` : '');

  return (
    <div className="fld-page">
      <FieldTopBar title={t('field.title')} />
      <Tabs
        className="fld-tabs"
        activeKey={queue}
        onChange={(key) => setParams(key === 'department' ? { tab: 'department' } : {}, { replace: true })}
      >
        <Tabs.Tab
          key="mine"
          title={<span data-testid="tab-mine">{t('field.tab.mine') + count(mine.data)}</span>}
        />
        <Tabs.Tab
          key="department"
          title={<span data-testid="tab-department">{t('field.tab.department') + count(offers.data)}</span>}
        />
      </Tabs>
      <PullToRefresh
        onRefresh={async () => {
          await current.refetch();
        }}
      >
        <div data-testid={`jobs-${queue}`} style={{ minHeight: '60vh' }}>
          {current.isPending ? (
            <div className="fld-empty">
              <DotLoading color="primary" />
            </div>
          ) : current.isError ? (
            <div className="fld-empty" data-testid="jobs-error">
              {t('field.loadFailed')}
            </div>
          ) : current.data.length === 0 ? (
            <div className="fld-empty" data-testid="jobs-empty">
              {t(queue === 'mine' ? 'field.empty.mine' : 'field.empty.department')}
            </div>
          ) : (
            current.data.map((job) => (
              <JobCard
                key={job.id}
                job={job}
                now={now}
                onOpen={() => open(job)}
                footer={
                  queue === 'department' ? (
                    <Button
                      block
                      color="primary"
                      size="large"
                      className="fld-big"
                      loading={accept.isPending && accept.variables?.id === job.id}
                      disabled={accept.isPending}
                      onClick={() => accept.mutate(job)}
                      data-testid={`accept-${job.number}`}
                    >
                      {t('field.action.accept')}
                    </Button>
                  ) : undefined
                }
              />
            ))
          )}
        </div>
      </PullToRefresh>
    </div>
  );
}
