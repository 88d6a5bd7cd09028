import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Popconfirm, Radio, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  OPEN_STATUSES,
  PROMISE_KINDS,
  type PromiseKind,
  type PromiseStatus,
} from '@steward/contracts/catalogues';
import type { Ticket, TicketPromise } from '@steward/contracts';
import { createPromise, keepPromise, withdrawPromise } from '../../../api/sla.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { errorText } from '../../../app/errors.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { usePermission } from '../../../app/session.tsx';
import { QuietEmpty } from '../../customers/components/QuietEmpty.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { quickPromise, type PromiseQuick } from '../intake.ts';

const TIGHT = { marginInlineEnd: 0 };
const short = (iso: string) => formatDateTime(iso).slice(5, 16);
const QUICKS: PromiseQuick[] = ['m30', 'h2', 'today17'];

export const PROMISE_STATUS_COLORS: Record<PromiseStatus, string> = {
  open: 'processing',
  kept: 'green',
  broken: 'red',
  withdrawn: 'default',
};

/** Open promises first, soonest due first; then the settled ones, latest first. */
function ordered(promises: readonly TicketPromise[]): TicketPromise[] {
  const open = promises.filter((p) => p.status === 'open').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const settled = promises
    .filter((p) => p.status !== 'open')
    .sort((a, b) => (b.settledAt ?? b.madeAt).localeCompare(a.settledAt ?? a.madeAt));
  return [...open, ...settled];
}

interface NewPromise {
  kind: PromiseKind;
  dueAt: Dayjs;
  note?: string;
}

function NewPromiseModal({
  ticketId,
  open,
  onClose,
  onDone,
}: {
  ticketId: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewPromise>();
  const mutation = useMutation({
    mutationFn: (values: NewPromise) =>
      createPromise(ticketId, {
        kind: values.kind,
        dueAt: values.dueAt.second(0).millisecond(0).toISOString(),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      }),
    onSuccess: (promise) => {
      message.success(
        t('sla.promises.made', { kind: t(`sla.promiseKind.${promise.kind}`), time: short(promise.dueAt) }),
      );
      onDone();
      onClose();
    },
  });
  return (
    <FormModal<NewPromise>
      open={open}
      title={t('sla.promises.addTitle')}
      okText={t('common.save')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      onFinish={(values) => mutation.mutate(values)}
      initialValues={{ kind: 'reply' }}
      intro={
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('sla.promises.replaceHelp')}
        </Typography.Paragraph>
      }
      submitTestId="promise-submit"
    >
      <Form.Item name="kind" label={t('sla.promises.kind')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={PROMISE_KINDS.map((kind) => ({ value: kind, label: t(`sla.promiseKind.${kind}`) }))}
          data-testid="promise-kind"
        />
      </Form.Item>
      <Form.Item label={t('sla.promises.dueAt')} required>
        <Flex gap={8} wrap align="center">
          <Form.Item
            name="dueAt"
            noStyle
            rules={[
              { required: true, message: t('sla.promises.dueRequired') },
              {
                validator: (_rule, value: Dayjs | undefined) =>
                  !value || value.isAfter(dayjs())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('sla.promises.duePast'))),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(date) => date.isBefore(dayjs(), 'day')}
              style={{ width: 200 }}
              data-testid="promise-due"
            />
          </Form.Item>
          {QUICKS.map((quick) => {
            const at = quickPromise(quick, dayjs());
            return (
              <Button
                key={quick}
                size="small"
                disabled={!at}
                onClick={() => {
                  if (!at) return;
                  form.setFieldValue('dueAt', at.second(0));
                  void form.validateFields(['dueAt']);
                }}
                data-testid={`promise-quick-${quick}`}
              >
                {t(`intake.quick.${quick}`)}
              </Button>
            );
          })}
        </Flex>
      </Form.Item>
      <Form.Item name="note" label={t('sla.promises.note')}>
        <Input.TextArea
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 5 }}
          placeholder={t('sla.promises.notePlaceholder')}
          data-testid="promise-note"
        />
      </Form.Item>
    </FormModal>
  );
}

function WithdrawModal({
  ticketId,
  promise,
  onClose,
  onDone,
}: {
  ticketId: string;
  promise: TicketPromise | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const mutation = useMutation({
    mutationFn: ({ reason }: { reason: string }) =>
      withdrawPromise(ticketId, promise!.id, { reason: reason.trim() }),
    onSuccess: () => {
      message.success(t('sla.promises.withdrawn'));
      onDone();
      onClose();
    },
  });
  return (
    <FormModal<{ reason: string }>
      open={promise !== null}
      title={t('sla.promises.withdrawTitle')}
      okText={t('sla.promises.withdraw')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      onFinish={(values) => mutation.mutate(values)}
      intro={
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('sla.promises.withdrawHelp')}
        </Typography.Paragraph>
      }
      submitTestId="promise-withdraw-submit"
    >
      <Form.Item
        name="reason"
        label={t('sla.promises.withdrawReason')}
        rules={[{ required: true, whitespace: true, message: t('sla.promises.withdrawReasonRequired') }]}
      >
        <Input.TextArea
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 5 }}
          placeholder={t('sla.promises.withdrawPlaceholder')}
          data-testid="promise-withdraw-reason"
        />
      </Form.Item>
    </FormModal>
  );
}

function PromiseRow({
  promise,
  canSettle,
  keeping,
  onKeep,
  onWithdraw,
}: {
  promise: TicketPromise;
  canSettle: boolean;
  keeping: boolean;
  onKeep: () => void;
  onWithdraw: () => void;
}) {
  const t = useT();
  const p = promise;
  const open = p.status === 'open';
  return (
    <Flex
      vertical
      gap={4}
      style={{ padding: '8px 0' }}
      data-testid={`promise-${p.kind}`}
      data-status={p.status}
    >
      <Flex gap={8} align="center" wrap>
        <Tag color="blue" style={TIGHT}>
          {t(`sla.promiseKind.${p.kind}`)}
        </Tag>
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
          {t('sla.promises.due', { time: short(p.dueAt) })}
        </Typography.Text>
        <Tag color={PROMISE_STATUS_COLORS[p.status]} style={TIGHT} data-testid="promise-status">
          {t(`sla.promiseStatus.${p.status}`)}
        </Tag>
        {open ? (
          <Countdown
            dueAt={p.dueAt}
            warnAt={null}
            startedAt={p.madeAt}
            paused={false}
            testId="promise-countdown"
          />
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('sla.promises.owner', { name: p.owner.name })}
        {p.note ? ` · ${p.note}` : ''}
      </Typography.Text>
      {!open && p.settledAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sla.promises.settled', {
            time: short(p.settledAt),
            status: t(`sla.promiseStatus.${p.status}`),
          })}
          {p.settleNote ? ` · ${p.settleNote}` : ''}
        </Typography.Text>
      ) : null}
      {open && canSettle ? (
        <Flex gap={8}>
          <Popconfirm
            title={t('sla.promises.keepConfirm')}
            onConfirm={onKeep}
            okButtonProps={{ loading: keeping }}
          >
            <Button size="small" type="primary" ghost data-testid="promise-keep">
              {t('sla.promises.keep')}
            </Button>
          </Popconfirm>
          <Button size="small" onClick={onWithdraw} data-testid="promise-withdraw">
            {t('sla.promises.withdraw')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}

/**
 * 承诺 / Promises: what the desk has promised the customer (a reply, a visit, a call back) and by
 * when, kept, broken or withdrawn. Only those who serve the customer may make or settle one (the
 * server checks it too); others see the list.
 */
export function PromisesCard({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const t = useT();
  const can = usePermission();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<TicketPromise | null>(null);
  const canSettle = can(['tickets.create', 'tickets.work', 'tickets.manage']);
  const canAdd = canSettle && (OPEN_STATUSES.includes(ticket.status) || ticket.status === 'completed');
  const keep = useMutation({
    mutationFn: (promise: TicketPromise) => keepPromise(ticket.id, promise.id),
    onSuccess: (settled) => {
      if (settled.status === 'kept') message.success(t('sla.promises.kept'));
      else message.warning(t('sla.promises.keptLate'));
      onChanged();
    },
    onError: (error) => {
      message.error(errorText(error, t));
      onChanged();
    },
  });
  if (ticket.promises.length === 0 && !canAdd) return null;
  return (
    <Card
      size="small"
      title={t('sla.promises.title')}
      extra={
        canAdd ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="promise-add"
          >
            {t('sla.promises.add')}
          </Button>
        ) : null
      }
      styles={{ body: { paddingTop: 4, paddingBottom: 4 } }}
      data-testid="ticket-promises"
    >
      {ticket.promises.length === 0 ? (
        <QuietEmpty text={t('sla.promises.empty')} />
      ) : (
        ordered(ticket.promises).map((p, i) => (
          <div key={p.id} style={i > 0 ? { borderTop: '1px solid #f0f0f0' } : undefined}>
            <PromiseRow
              promise={p}
              canSettle={canSettle}
              keeping={keep.isPending && keep.variables?.id === p.id}
              onKeep={() => keep.mutate(p)}
              onWithdraw={() => setWithdrawing(p)}
            />
          </div>
        ))
      )}
      <NewPromiseModal
        ticketId={ticket.id}
        open={adding}
        onClose={() => setAdding(false)}
        onDone={onChanged}
      />
      <WithdrawModal
        ticketId={ticket.id}
        promise={withdrawing}
        onClose={() => setWithdrawing(null)}
        onDone={onChanged}
      />
    </Card>
  );
}
