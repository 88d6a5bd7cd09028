import { useState } from 'react';
import { App, Button, Card, Flex, Input, Segmented, Skeleton, Tag, Timeline, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ATTACHMENT_STAGES,
  CLOCKS,
  DISPATCH_BASES,
  HOLD_REASONS,
  PROMISE_KINDS,
  TICKET_STATUSES,
  type AttachmentStage,
  type ClockKind,
  type DispatchBasis,
  type HoldReason,
  type PromiseKind,
  type TicketStatus,
  type TimelineKind,
  type TimelineVisibility,
} from '@steward/contracts/catalogues';
import type { TimelineEntry } from '@steward/contracts';
import { addComment, ticketKeys } from '../../../api/tickets.ts';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import type { TFunction } from '../../../app/i18n/types.ts';
import { QuietEmpty } from '../../customers/components/QuietEmpty.tsx';
import { formatFen, formatQuantity } from '../format.ts';
import { useDepartments, useTimeline } from '../hooks.ts';
import { useTicketLabels } from '../labels.ts';

const KIND_COLORS: Partial<Record<TimelineKind, string>> = {
  created: 'blue',
  dispatched: 'blue',
  completed: 'green',
  confirmed: 'green',
  visited: 'green',
  held: 'orange',
  declined: 'orange',
  reopened: 'orange',
  escalated: 'red',
  cancelled: 'red',
  breached: 'red',
  promise_made: 'blue',
  promise_kept: 'green',
  promise_broken: 'red',
  promise_withdrawn: 'gray',
  clocks_set: 'gray',
};

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/**
 * An entry's heading. Time-standard entries say what set or broke the clock in words: 按「一般报修」v2计时,
 * 超时：接单, 自动升级至第2级; the rest read their kind.
 */
function entryTitle(entry: TimelineEntry, t: TFunction, kindLabel: string): string {
  const d = entry.data;
  if (entry.kind === 'clocks_set' && typeof d.policyName === 'string' && typeof d.version === 'number')
    return t('sla.timeline.clocksSet', { policyName: d.policyName, version: d.version });
  if (entry.kind === 'breached' && isOneOf<ClockKind>(CLOCKS, d.clock))
    return t('sla.timeline.breached', { clock: t(`clock.${d.clock}`) });
  if (entry.kind === 'escalated' && d.auto === true && typeof d.level === 'number')
    return t('sla.timeline.autoEscalated', { level: d.level });
  return kindLabel;
}

/** The facts an entry's data carries that a reader wants, in words: basis, department, reason, score. */
function EntryFacts({ entry, people }: { entry: TimelineEntry; people: ReadonlyMap<string, string> }) {
  const t = useT();
  const labels = useTicketLabels();
  const departments = useDepartments();
  const d = entry.data;
  const facts: string[] = [];
  if (typeof d.departmentId === 'string') {
    const name =
      typeof d.departmentName === 'string' ? d.departmentName : departments.byId.get(d.departmentId)?.name;
    if (name) facts.push(name);
  }
  if (typeof d.assigneeName === 'string') facts.push(d.assigneeName);
  else if (typeof d.assigneeId === 'string' && people.has(d.assigneeId))
    facts.push(people.get(d.assigneeId)!);
  if (isOneOf<DispatchBasis>(DISPATCH_BASES, d.basis)) facts.push(labels.dispatchBasis(d.basis));
  if (entry.kind === 'held' && isOneOf<HoldReason>(HOLD_REASONS, d.reason))
    facts.push(labels.holdReason(d.reason));
  if (entry.kind === 'reopened' && isOneOf<TicketStatus>(TICKET_STATUSES, d.from))
    facts.push(t('timeline.from', { status: labels.status(d.from) }));
  if (typeof d.score === 'number') facts.push(t('timeline.score', { score: d.score }));
  if (typeof d.satisfied === 'boolean')
    facts.push(d.satisfied ? t('action.satisfied.yes') : t('action.satisfied.no'));
  if (typeof d.rating === 'number') facts.push(t('timeline.score', { score: d.rating }));
  if (typeof d.number === 'string') facts.push(d.number);
  // Lines and files: what was added, so the history reads without opening anything.
  if (typeof d.name === 'string') facts.push(d.name);
  if (typeof d.quantity === 'number' && typeof d.unit === 'string')
    facts.push(`${formatQuantity(d.quantity)} ${d.unit}`);
  if (typeof d.amountFen === 'number' && d.amountFen !== 0) facts.push(formatFen(d.amountFen));
  if (entry.kind === 'attachment' && isOneOf<AttachmentStage>(ATTACHMENT_STAGES, d.stage))
    facts.push(labels.attachmentStage(d.stage));
  if (typeof d.fileName === 'string') facts.push(d.fileName);
  // An automatic escalation says its level in the heading already.
  if (typeof d.level === 'number' && d.auto !== true)
    facts.push(t('ticket.escalationLevel', { level: d.level }));
  if (entry.kind.startsWith('promise_') && isOneOf<PromiseKind>(PROMISE_KINDS, d.kind)) {
    facts.push(t(`sla.promiseKind.${d.kind}`));
    if (typeof d.dueAt === 'string')
      facts.push(t('sla.promises.due', { time: formatDateTime(d.dueAt).slice(5, 16) }));
  }
  if (Array.isArray(d.notified) && d.notified.length > 0)
    facts.push(
      t('sla.timeline.notified', {
        names: d.notified.filter((n) => typeof n === 'string').join(t('sla.listSeparator')),
      }),
    );
  if (facts.length === 0) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {facts.join(' · ')}
    </Typography.Text>
  );
}

function CommentBox({ ticketId }: { ticketId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [visibility, setVisibility] = useState<TimelineVisibility>('internal');
  const [body, setBody] = useState('');
  const mutation = useMutation({
    mutationFn: () => addComment(ticketId, { visibility, body: body.trim() }),
    onSuccess: () => {
      setBody('');
      message.success(visibility === 'internal' ? t('comment.savedInternal') : t('comment.savedPublic'));
      void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(ticketId) });
    },
  });
  const send = () => {
    if (body.trim() && !mutation.isPending) mutation.mutate();
  };
  return (
    <div style={{ background: '#fafbfc', border: '1px solid #eef0f3', borderRadius: 8, padding: 12 }}>
      <ErrorAlert error={mutation.error} />
      <Segmented<TimelineVisibility>
        value={visibility}
        onChange={setVisibility}
        options={[
          { value: 'internal', label: t('comment.internal') },
          { value: 'public', label: t('comment.public') },
        ]}
        style={{ marginBottom: 8 }}
        data-testid="comment-visibility"
      />
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
        }}
        maxLength={4000}
        autoSize={{ minRows: 2, maxRows: 8 }}
        placeholder={
          visibility === 'internal' ? t('comment.internalPlaceholder') : t('comment.publicPlaceholder')
        }
        data-testid="comment-body"
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {visibility === 'internal' ? t('comment.internalHelp') : t('comment.publicHelp')}
        </Typography.Text>
        <Button
          type="primary"
          onClick={send}
          disabled={!body.trim()}
          loading={mutation.isPending}
          data-testid="comment-submit"
        >
          {t('comment.send')}
        </Button>
      </Flex>
    </div>
  );
}

/** The append-only history, oldest first; internal entries are marked, and a note or reply goes at the foot. */
export function TimelineCard({
  ticketId,
  canComment,
  people,
}: {
  ticketId: string;
  canComment: boolean;
  /** Names of the people the record knows (assignee, receiver…), for entries that carry only ids. */
  people: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const labels = useTicketLabels();
  const timeline = useTimeline(ticketId);
  return (
    <Card size="small" title={t('ticket.timeline')} data-testid="ticket-timeline">
      <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />
      {timeline.isPending ? (
        <Skeleton active />
      ) : (timeline.data ?? []).length === 0 ? (
        <QuietEmpty text={t('timeline.empty')} />
      ) : (
        <Timeline
          items={(timeline.data ?? []).map((entry) => ({
            key: entry.id,
            color:
              entry.visibility === 'internal' && entry.kind === 'comment'
                ? 'gray'
                : (KIND_COLORS[entry.kind] ?? 'blue'),
            content: (
              <Flex vertical gap={2} data-testid={`timeline-${entry.kind}`}>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong>
                    {entryTitle(entry, t, labels.timelineKind(entry.kind))}
                  </Typography.Text>
                  {entry.visibility === 'internal' ? (
                    <Tag
                      icon={<LockOutlined />}
                      style={{ marginInlineEnd: 0 }}
                      data-testid="timeline-internal"
                    >
                      {t('timeline.internal')}
                    </Tag>
                  ) : entry.kind === 'comment' ? (
                    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                      {t('timeline.public')}
                    </Tag>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {entry.actor.name} · {formatDateTime(entry.createdAt)}
                  </Typography.Text>
                </Flex>
                <EntryFacts entry={entry} people={people} />
                {/* Plain text only: whatever was typed (even markup) is shown as typed. */}
                {entry.body ? (
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{entry.body}</Typography.Text>
                ) : null}
              </Flex>
            ),
          }))}
        />
      )}
      {canComment ? <CommentBox ticketId={ticketId} /> : null}
    </Card>
  );
}
