import { Fragment, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Flex, Rate, Row, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ThunderboltFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { OPEN_STATUSES, type TicketAction } from '@steward/contracts/catalogues';
import type { Ticket } from '@steward/contracts';
import { ApiError } from '../../api/client.ts';
import { runTicketAction, ticketKeys } from '../../api/tickets.ts';
import { ErrorAlert } from '../../app/components/ErrorAlert.tsx';
import { NotFoundResult } from '../../app/components/StatusResults.tsx';
import { errorText, isApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { usePermission } from '../../app/session.tsx';
import { DueText } from './components/DueText.tsx';
import { StatusTag, TypeTag, UrgencyTag } from './components/TicketTags.tsx';
import { ActionModal } from './detail/ActionModal.tsx';
import { isFormAction, type FormAction } from './detail/actionForm.ts';
import { AttachmentsCard } from './detail/AttachmentsCard.tsx';
import { ClocksCard } from './detail/ClocksCard.tsx';
import { PromisesCard } from './detail/PromisesCard.tsx';
import { LinesCard } from './detail/LinesCard.tsx';
import { TicketActions } from './detail/TicketActions.tsx';
import { TimelineCard } from './detail/TimelineCard.tsx';
import { useCategoryName, useTicket } from './hooks.ts';
import { useTicketLabels } from './labels.ts';
import { useLiveEvents } from './useLiveEvents.ts';
import { useNow } from './useNow.ts';

const DEADLINES = ['dispatchBy', 'acceptBy', 'arriveBy', 'completeBy', 'feedbackBy'] as const;

/** When each clock was met, as far as the record tells (a dispatch shows as a department). */
function metAt(ticket: Ticket, key: (typeof DEADLINES)[number]): string | null | boolean {
  switch (key) {
    case 'dispatchBy':
      return ticket.department !== null;
    case 'acceptBy':
      return ticket.acceptedAt;
    case 'arriveBy':
      return ticket.arrivedAt;
    case 'completeBy':
      return ticket.completedAt;
    case 'feedbackBy':
      return ticket.closedAt;
  }
}

function DeadlinesList({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const now = useNow(30_000);
  // A closed record's clocks have stopped: an unmet one is history, not a countdown.
  const stopped = !OPEN_STATUSES.includes(ticket.status);
  const rows = DEADLINES.filter((key) => ticket.deadlines[key]);
  if (rows.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'auto auto 1fr', columnGap: 10, rowGap: 2 }}
      data-testid="ticket-deadlines"
    >
      {rows.map((key) => {
        const at = ticket.deadlines[key]!;
        const met = metAt(ticket, key);
        return (
          <Fragment key={key}>
            <Typography.Text type="secondary">{t(`deadline.${key}`)}</Typography.Text>
            <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatDateTime(at).slice(5, 16)}
            </Typography.Text>
            <span>
              {met ? (
                <Tag color="green" style={{ marginInlineEnd: 0 }}>
                  {t('deadline.met')}
                </Tag>
              ) : stopped ? null : (
                <DueText at={at} now={now} />
              )}
            </span>
          </Fragment>
        );
      })}
    </div>
  );
}

/** A record in full: who, where, what, who handles it, its clocks, history, lines and photos, and the next step. */
export function TicketPage() {
  const { id = '' } = useParams();
  const t = useT();
  const labels = useTicketLabels();
  const can = usePermission();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const ticket = useTicket(id);
  const categoryName = useCategoryName();
  const now = useNow(30_000);
  const [open, setOpen] = useState<FormAction | null>(null);
  useLiveEvents();

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(id) });
  };
  // A promise made or settled changes the record (promised reply), its history and the queues.
  const promisesChanged = () => {
    refresh();
    void queryClient.invalidateQueries({ queryKey: [...ticketKeys.all, 'list'] });
  };
  const done = (updated: Ticket, action: TicketAction) => {
    queryClient.setQueryData(ticketKeys.detail(id), updated);
    void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(id) });
    void queryClient.invalidateQueries({ queryKey: [...ticketKeys.all, 'list'] });
    message.success(t('ticket.actionDone', { action: labels.action(action) }));
  };

  // One-click steps (accept, arrive, start, resume, archive) go straight to the server.
  const quick = useMutation({
    mutationFn: ({ action, version }: { action: TicketAction; version: number }) =>
      runTicketAction(id, action, { version }),
    onSuccess: (updated, { action }) => done(updated, action),
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) message.warning(t('ticket.versionConflict'));
      else message.error(errorText(error, t));
      refresh();
    },
  });

  if (ticket.error instanceof ApiError && ticket.error.status === 404) return <NotFoundResult />;

  const back = (
    <Button
      type="text"
      icon={<ArrowLeftOutlined />}
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/desk/tickets'))}
      data-testid="ticket-back"
    >
      {t('ticket.back')}
    </Button>
  );
  if (ticket.isPending || ticket.isError) {
    return (
      <>
        {back}
        <ErrorAlert error={ticket.error} onRetry={() => void ticket.refetch()} />
        {ticket.isPending ? (
          <Card>
            <Skeleton active />
          </Card>
        ) : null}
      </>
    );
  }

  const r = ticket.data;
  // Notes and photos are open to everyone who may read the record (the server decides per call).
  const canContribute = can('tickets.read');
  const onAction = (action: TicketAction) => {
    if (isFormAction(action)) setOpen(action);
    else if (!quick.isPending) quick.mutate({ action, version: r.version });
  };
  const people = new Map<string, string>(
    [r.receivedBy, r.assignee, ...r.lines.map((l) => l.addedBy)].flatMap((p) =>
      p ? [[p.id, p.name] as const] : [],
    ),
  );
  const location = [r.projectName, r.areaName ?? r.roomLabel ?? r.location].filter(Boolean).join(' · ');

  return (
    <Flex vertical gap={12}>
      <div>{back}</div>
      <Card size="small">
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={6} style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              {r.urgency === 'emergency' ? (
                <ThunderboltFilled style={{ color: '#d92d20', fontSize: 20 }} />
              ) : null}
              <Typography.Title
                level={3}
                style={{ margin: 0 }}
                copyable={{ text: r.number }}
                data-testid="ticket-number"
              >
                {r.number}
              </Typography.Title>
              <StatusTag status={r.status} />
              <TypeTag type={r.type} />
              <UrgencyTag urgency={r.urgency} always />
              {r.holdReason && r.status === 'on_hold' ? (
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  {labels.holdReason(r.holdReason)}
                </Tag>
              ) : null}
              {r.escalationLevel > 0 ? (
                <Tag color="red" style={{ marginInlineEnd: 0 }}>
                  {t('ticket.escalationLevel', { level: r.escalationLevel })}
                </Tag>
              ) : null}
              {r.reopenCount > 0 ? (
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  {t('ticket.reopened', { count: r.reopenCount })}
                </Tag>
              ) : null}
            </Flex>
            <Typography.Text type="secondary">
              {categoryName(r.categoryId, r.categoryPath.join(' / '))} · {location}
            </Typography.Text>
          </Flex>
          <TicketActions
            allowed={r.allowedActions}
            dispatched={r.department !== null}
            pending={quick.isPending ? (quick.variables?.action ?? null) : null}
            onAction={onAction}
          />
        </Flex>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={12}>
            <Card size="small" title={t('ticket.description')}>
              {/* Plain text only: markup in a description is shown as typed, never interpreted. */}
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', fontSize: 15, marginBottom: 0 }}
                data-testid="ticket-description"
              >
                {r.description}
              </Typography.Paragraph>
              {r.completionNote ? (
                <div style={{ marginTop: 12, padding: '8px 12px', background: '#f6ffed', borderRadius: 6 }}>
                  <Typography.Text type="secondary">{t('ticket.completionNote')}</Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {r.completionNote}
                  </Typography.Paragraph>
                </div>
              ) : null}
            </Card>
            <LinesCard lines={r.lines} totalFen={r.chargeTotalFen} />
            <TimelineCard ticketId={r.id} canComment={canContribute} people={people} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={12}>
            <Card size="small" title={t('ticket.facts')}>
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'reporter',
                    label: t('ticket.reporter'),
                    children: (
                      <span data-testid="ticket-reporter">
                        {r.customerId && can('customers.read') ? (
                          <Link to={`/customers/${r.customerId}`}>
                            {r.reporterName ?? t('ticket.customer')}
                          </Link>
                        ) : (
                          (r.reporterName ?? t('ticket.anonymous'))
                        )}
                        {r.reporterPhone ? (
                          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                            {' '}
                            {r.reporterPhone}
                          </Typography.Text>
                        ) : null}
                      </span>
                    ),
                  },
                  { key: 'location', label: t('ticket.location'), children: location },
                  { key: 'channel', label: t('intake.channel'), children: labels.channel(r.channel) },
                  {
                    key: 'received',
                    label: t('ticket.received'),
                    children: `${formatDateTime(r.receivedAt)} · ${r.receivedBy.name}`,
                  },
                  {
                    key: 'handler',
                    label: t('ticket.handler'),
                    children:
                      r.department || r.assignee ? (
                        <span data-testid="ticket-handler">
                          {[r.department?.name, r.assignee?.name].filter(Boolean).join(' · ')}
                        </span>
                      ) : r.closedAt ? (
                        // Closed without a dispatch (answered on the spot, cancelled early): nobody to name.
                        <span data-testid="ticket-handler">—</span>
                      ) : (
                        <Typography.Text type="warning" data-testid="ticket-handler">
                          {t('ticket.undispatched')}
                        </Typography.Text>
                      ),
                  },
                  // The promises card below lists every promise with its countdown and outcome.
                  ...(r.promises.length === 0
                    ? [
                        {
                          key: 'promise',
                          label: t('ticket.promisedReplyAt'),
                          children: r.promisedReplyAt ? (
                            <span>
                              {formatDateTime(r.promisedReplyAt).slice(0, 16)}{' '}
                              {OPEN_STATUSES.includes(r.status) ? (
                                <DueText at={r.promisedReplyAt} now={now} />
                              ) : null}
                            </span>
                          ) : (
                            '—'
                          ),
                        },
                      ]
                    : []),
                  // Records timed by a standard show their clocks in the service-levels card below.
                  ...(r.clocks.length === 0
                    ? [
                        {
                          key: 'deadlines',
                          label: t('ticket.deadlines'),
                          children: <DeadlinesList ticket={r} />,
                        },
                      ]
                    : []),
                  ...(r.confirmation
                    ? [
                        {
                          key: 'confirmation',
                          label: t('ticket.confirmation'),
                          children: (
                            <Flex vertical gap={2}>
                              <span>
                                {labels.confirmationMethod(r.confirmation.method)} ·{' '}
                                {formatDateTime(r.confirmation.at).slice(0, 16)}
                              </span>
                              {r.confirmation.rating ? (
                                <Rate disabled value={r.confirmation.rating} style={{ fontSize: 14 }} />
                              ) : null}
                              {r.confirmation.comment ? (
                                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                                  {r.confirmation.comment}
                                </Typography.Text>
                              ) : null}
                            </Flex>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <ClocksCard ticket={r} />
            <PromisesCard ticket={r} onChanged={promisesChanged} />
            {r.links.length ? (
              <Card size="small" title={t('ticket.links')} data-testid="ticket-links">
                <Flex vertical gap={6}>
                  {r.links.map((link) => (
                    <Flex key={`${link.ticketId}-${link.role}`} gap={6} align="center" wrap>
                      <Tag style={{ marginInlineEnd: 0 }}>{t(`linkRole.${link.role}`)}</Tag>
                      <Link to={`/desk/tickets/${link.ticketId}`}>{link.number}</Link>
                      <StatusTag status={link.status} />
                    </Flex>
                  ))}
                </Flex>
              </Card>
            ) : null}
            <AttachmentsCard ticketId={r.id} attachments={r.attachments} canUpload={canContribute} />
          </Flex>
        </Col>
      </Row>
      <ActionModal
        key={open ?? 'none'}
        action={open}
        ticket={r}
        onClose={() => setOpen(null)}
        onStale={refresh}
        onDone={(updated) => {
          if (open) done(updated, open);
          setOpen(null);
        }}
      />
    </Flex>
  );
}
