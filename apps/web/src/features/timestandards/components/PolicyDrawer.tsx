import { useMemo } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Spin,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { PolicyClocks, TimePolicy } from '@steward/contracts';
import {
  TICKET_TYPES,
  URGENCIES,
  type ClockKind,
  type TicketType,
  type Urgency,
} from '@steward/contracts/catalogues';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { usePermission } from '../../../app/session.tsx';
import { useAllProjects } from '../../projects/hooks.ts';
import { useRoleOptions } from '../../roles/hooks.ts';
import { useCategoryList, useDeskLabels } from '../../servicedesk/hooks.ts';
import { useTicketLabels } from '../../tickets/labels.ts';
import {
  CLOCK_ORDER,
  MAX_MINUTES,
  clockMinutes,
  clockValue,
  workingDayMinutes,
  type ClockValue,
} from '../durations.ts';
import { createPolicy, updatePolicy, useCalendars, useRefresh } from '../hooks.ts';
import { ClockInput } from './ClockInput.tsx';
import { categoryOptions } from './options.ts';
import { LadderEditor, ladderOptions, type LadderRow } from './LadderEditor.tsx';

export type PolicyTarget = { mode: 'create' } | { mode: 'edit'; policy: TimePolicy } | null;

interface Values {
  name: string;
  type?: TicketType | null;
  categoryId?: string | null;
  urgency?: Urgency | null;
  projectId?: string | null;
  calendarId?: string;
  clocks: Record<ClockKind, ClockValue>;
  promise: ClockValue;
  warnPercent: number | null;
  ladder: LadderRow[];
  repeatMinutes: number | null;
  active: boolean;
  applyToOpen: boolean;
}

/** A new standard starts from the handbook's usual figures: forward in 5 minutes, feed back the same day. */
const NEW_POLICY: Omit<Values, 'name'> = {
  clocks: {
    dispatch: { mode: 'time', amount: 5, unit: 'minute' },
    accept: { mode: 'time', amount: 30, unit: 'minute' },
    arrive: { mode: 'none' },
    complete: { mode: 'time', amount: 1, unit: 'day' },
    feedback: { mode: 'same_day' },
  },
  promise: { mode: 'none' },
  warnPercent: 80,
  ladder: [
    { afterMinutes: 0, notify: ['handler'] },
    { afterMinutes: 30, notify: ['supervisor'] },
  ],
  repeatMinutes: null,
  active: true,
  applyToOpen: false,
};

/** Create a time standard, or edit one's figures (what it applies to is fixed once created). */
export function PolicyDrawer({ target, onClose }: { target: PolicyTarget; onClose: () => void }) {
  const t = useT();
  // Working days are converted with the policy's calendar: the form starts once calendars are known.
  const calendars = useCalendars();
  let body = null;
  if (target && calendars.isPending) body = <Spin style={{ display: 'block', margin: '48px auto' }} />;
  else if (target) body = <PolicyForm target={target} onClose={onClose} />;
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      title={
        target?.mode === 'edit'
          ? t('tsPolicy.editTitle', { name: target.policy.name })
          : t('tsPolicy.createTitle')
      }
      size={720}
      destroyOnHidden
      data-testid="policy-drawer"
    >
      {body}
    </Drawer>
  );
}

function PolicyForm({ target, onClose }: { target: NonNullable<PolicyTarget>; onClose: () => void }) {
  const t = useT();
  const labels = useLabels();
  const ticketLabels = useTicketLabels();
  const deskLabels = useDeskLabels();
  const can = usePermission();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<Values>();
  const calendars = useCalendars();
  const categories = useCategoryList();
  const projects = useAllProjects(can('projects.read'));
  const roles = useRoleOptions(can('users.read'));
  const editing = target.mode === 'edit' ? target.policy : null;

  const calendarId = Form.useWatch('calendarId', form) ?? editing?.calendarId;
  const calendar = calendarId ? calendars.byId.get(calendarId) : undefined;
  const perDay = workingDayMinutes(calendar);
  const dayUnit = calendar ? (calendar.alwaysOpen ? 'day' : 'workingDay') : null;

  const initialValues = useMemo<Partial<Values>>(() => {
    if (!editing) return { ...NEW_POLICY };
    const cal = calendars.byId.get(editing.calendarId);
    const day = workingDayMinutes(cal);
    const clocks = Object.fromEntries(
      CLOCK_ORDER.map((kind) => [kind, clockValue(editing.clocks[kind], day)]),
    ) as Record<ClockKind, ClockValue>;
    return {
      name: editing.name,
      type: editing.type,
      categoryId: editing.categoryId,
      urgency: editing.urgency,
      projectId: editing.projectId,
      calendarId: editing.calendarId,
      clocks,
      promise: clockValue(editing.promiseMinutes, day),
      warnPercent: editing.warnPercent,
      ladder: editing.ladder.map((s) => ({ afterMinutes: s.afterMinutes, notify: s.notify })),
      repeatMinutes: editing.repeatMinutes,
      active: editing.active,
      applyToOpen: false,
    };
  }, [editing, calendars.byId]);

  const mutation = useMutation({
    mutationFn: async (values: Values) => {
      const clocks = Object.fromEntries(
        CLOCK_ORDER.map((kind) => [kind, clockMinutes(values.clocks[kind], perDay) ?? null]),
      ) as PolicyClocks;
      const promise = clockMinutes(values.promise, perDay);
      const rules = {
        clocks,
        promiseMinutes: typeof promise === 'number' ? promise : null,
        warnPercent: values.warnPercent ?? null,
        ladder: values.ladder.map((s) => ({ afterMinutes: s.afterMinutes ?? 0, notify: s.notify })),
        repeatMinutes: values.repeatMinutes ?? null,
      };
      if (editing) {
        const updated = await updatePolicy(editing.id, {
          version: editing.version,
          name: values.name.trim(),
          calendarId: values.calendarId!,
          ...rules,
          active: values.active,
          ...(values.applyToOpen ? { applyToOpen: true } : {}),
        });
        return { name: updated.policy.name, recomputed: values.applyToOpen ? updated.recomputed : null };
      }
      const created = await createPolicy({
        name: values.name.trim(),
        type: values.type ?? null,
        categoryId: values.categoryId ?? null,
        urgency: values.urgency ?? null,
        projectId: values.projectId ?? null,
        calendarId: values.calendarId!,
        ...rules,
      });
      return { name: created.name, recomputed: null };
    },
    onSuccess: ({ name, recomputed }) => {
      if (recomputed !== null) message.success(t('tsPolicy.savedRecomputed', { name, n: recomputed }));
      else message.success(t(editing ? 'tsPolicy.saved' : 'tsPolicy.created', { name }));
      refresh();
      onClose();
    },
    // A stale version or a changed list: show the fresh figures behind the drawer.
    onError: () => refresh(),
  });

  const submit = (values: Values) => {
    const minutes = CLOCK_ORDER.map((kind) => clockMinutes(values.clocks[kind], perDay));
    if (minutes.every((m) => m === null)) {
      form.setFields([{ name: ['clocks', 'dispatch'], errors: [t('tsPolicy.noClock')] }]);
      return;
    }
    const ladder = values.ladder ?? [];
    const late = ladder.findIndex(
      (s, i) => i > 0 && (s.afterMinutes ?? 0) <= (ladder[i - 1]!.afterMinutes ?? 0),
    );
    if (late > 0) {
      form.setFields([{ name: ['ladder', late, 'afterMinutes'], errors: [t('tsPolicy.ladderOrder')] }]);
      return;
    }
    mutation.mutate({ ...values, ladder });
  };

  const clockRule = {
    validator: async (_rule: unknown, value: ClockValue | undefined) => {
      const minutes = clockMinutes(value, perDay);
      if (minutes === undefined) throw new Error(t('tsPolicy.clockRequired'));
      if (typeof minutes === 'number' && minutes > MAX_MINUTES) throw new Error(t('tsPolicy.clockTooLong'));
    },
  };

  const projectOptions = (projects.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  if (editing?.projectId && !projects.byId.has(editing.projectId))
    projectOptions.push({ value: editing.projectId, label: editing.projectName ?? editing.projectId });
  const calendarOptions = (calendars.data ?? [])
    .filter((c) => c.active || c.id === editing?.calendarId)
    .map((c) => ({ value: c.id, label: c.name }));
  const notifyOptions = ladderOptions(roles.options, labels.ladderTarget);
  const matchFixed = Boolean(editing);
  // The fallback standard is always in force: every record must get one.
  const catchAll = Boolean(
    editing && !editing.type && !editing.categoryId && !editing.urgency && !editing.projectId,
  );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={submit}
      requiredMark={false}
      style={{ paddingBottom: 24 }}
    >
      <ErrorAlert error={mutation.error} />
      <Form.Item
        name="name"
        label={t('tsPolicy.name')}
        rules={[{ required: true, whitespace: true, max: 50, message: t('sdCommon.nameRequired') }]}
      >
        <Input autoComplete="off" data-testid="policy-name" />
      </Form.Item>

      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('tsPolicy.match')}
      </Typography.Title>
      {matchFixed ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
          {t('tsPolicy.matchFixed')}
        </Typography.Paragraph>
      ) : null}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="type" label={t('tsPolicy.type')}>
            <Select
              allowClear
              disabled={matchFixed}
              placeholder={t('tsPolicy.anyType')}
              options={TICKET_TYPES.map((type) => ({ value: type, label: ticketLabels.type(type) }))}
              data-testid="policy-type"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="urgency" label={t('tsPolicy.urgency')}>
            <Select
              allowClear
              disabled={matchFixed}
              placeholder={t('tsPolicy.anyUrgency')}
              options={URGENCIES.map((u) => ({ value: u, label: ticketLabels.urgency(u) }))}
              data-testid="policy-urgency"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="categoryId" label={t('tsPolicy.category')} extra={t('tsPolicy.categoryHelp')}>
            <TreeSelect
              allowClear
              disabled={matchFixed}
              placeholder={t('tsPolicy.anyCategory')}
              treeData={categoryOptions(categories.tree, deskLabels.categoryName)}
              showSearch={{ treeNodeFilterProp: 'title' }}
              popupMatchSelectWidth={false}
              loading={categories.isPending}
              data-testid="policy-category"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="projectId" label={t('tsPolicy.project')}>
            <Select
              allowClear
              disabled={matchFixed}
              placeholder={t('tsPolicy.anyProject')}
              options={projectOptions}
              optionFilterProp="label"
              showSearch
              loading={projects.isLoading}
              data-testid="policy-project"
            />
          </Form.Item>
        </Col>
      </Row>

      <Form.Item
        name="calendarId"
        label={t('tsPolicy.calendar')}
        extra={t('tsPolicy.calendarHelp')}
        rules={[{ required: true, message: t('tsPolicy.calendarRequired') }]}
      >
        <Select options={calendarOptions} loading={calendars.isPending} data-testid="policy-calendar" />
      </Form.Item>

      <Typography.Title level={5}>{t('tsPolicy.clocks')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
        {t('tsPolicy.clocksHelp')}
      </Typography.Paragraph>
      <Row gutter={12}>
        {CLOCK_ORDER.map((kind) => (
          <Col span={8} key={kind}>
            <Form.Item name={['clocks', kind]} label={labels.clock(kind)} rules={[clockRule]}>
              <ClockInput
                dayUnit={dayUnit}
                allowSameDay={kind === 'feedback'}
                data-testid={`clock-${kind}`}
              />
            </Form.Item>
          </Col>
        ))}
        <Col span={8}>
          <Form.Item
            name="promise"
            label={t('tsPolicy.promise')}
            tooltip={t('tsPolicy.promiseHelp')}
            rules={[clockRule]}
          >
            <ClockInput
              dayUnit={dayUnit}
              noneLabel={t('tsPolicy.promiseNone')}
              data-testid="policy-promise"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="warnPercent" label={t('tsPolicy.warn')} tooltip={t('tsPolicy.warnHelp')}>
            <InputNumber<number>
              min={10}
              max={99}
              precision={0}
              suffix="%"
              placeholder={t('tsPolicy.warnNone')}
              style={{ width: '100%' }}
              data-testid="policy-warn"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="repeatMinutes" label={t('tsPolicy.repeat')} tooltip={t('tsPolicy.repeatHelp')}>
            <InputNumber<number>
              min={5}
              max={60 * 24 * 7}
              precision={0}
              suffix={t('tsUnit.minute')}
              placeholder={t('tsPolicy.repeatNone')}
              style={{ width: '100%' }}
              data-testid="policy-repeat"
            />
          </Form.Item>
        </Col>
      </Row>

      <Typography.Title level={5}>{t('tsPolicy.ladder')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
        {t('tsPolicy.ladderHelp')}
      </Typography.Paragraph>
      <LadderEditor options={notifyOptions} rolesKnown={roles.isSuccess} />

      {editing ? (
        <Form.Item
          name="active"
          label={t('tsPolicy.active')}
          valuePropName="checked"
          extra={catchAll ? t('tsPolicy.catchAll') : t('tsPolicy.deactivateHelp')}
          style={{ marginTop: 24 }}
        >
          <Switch disabled={catchAll} data-testid="policy-active" />
        </Form.Item>
      ) : null}

      {editing ? (
        <Alert
          type={editing.openRecords > 0 ? 'info' : 'success'}
          title={
            <Form.Item name="applyToOpen" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox disabled={editing.openRecords === 0} data-testid="policy-apply-open">
                {t('tsPolicy.applyToOpen', { n: editing.openRecords })}
              </Checkbox>
            </Form.Item>
          }
          description={t('tsPolicy.applyToOpenHelp')}
        />
      ) : null}

      <Flex justify="flex-end" gap={8} style={{ marginTop: 24 }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="policy-submit">
          {editing ? t('common.save') : t('common.create')}
        </Button>
      </Flex>
    </Form>
  );
}
