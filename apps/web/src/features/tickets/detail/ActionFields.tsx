import { useState } from 'react';
import { Form, Input, Radio, Rate, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { CONFIRMATION_METHODS, HOLD_REASONS, LINK_KINDS, TICKET_TYPES } from '@steward/contracts/catalogues';
import type { Ticket } from '@steward/contracts';
import { listTickets } from '../../../api/tickets.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useDebounced } from '../../../app/useDebounced.ts';
import { CandidateList } from '../components/CandidateList.tsx';
import { CategoryPicker } from '../components/CategoryPicker.tsx';
import { UrgencySwitch } from '../components/UrgencySwitch.tsx';
import { useCandidates, useCategories, useDepartments } from '../hooks.ts';
import { useTicketLabels } from '../labels.ts';
import type { ActionValues, FormAction } from './actionForm.ts';

/** Another record found by its number (or words), for linking. */
function RecordSearch({
  value,
  onChange,
  exclude,
}: {
  value?: string;
  onChange?: (id: string) => void;
  exclude: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['tickets', 'list', { q, link: true }],
    queryFn: () => listTickets({ q, queue: 'all', limit: 10 }),
    enabled: q.length >= 2,
    placeholderData: (previous) => previous,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      placeholder={t('action.linkSearch')}
      loading={found.isFetching}
      notFoundContent={q.length >= 2 ? t('action.linkNotFound') : t('action.linkTypeToSearch')}
      options={(found.data?.items ?? [])
        .filter((r) => r.id !== exclude)
        .map((r) => ({ value: r.id, label: `${r.number} · ${r.location} · ${r.description.slice(0, 30)}` }))}
      data-testid="action-link-target"
    />
  );
}

/** Dispatch by hand: a department, then one of its people with their open load and duty. */
function DispatchFields({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const form = Form.useFormInstance<ActionValues>();
  const byRules = Form.useWatch('byRules', form);
  const departmentId = Form.useWatch('departmentId', form);
  const departments = useDepartments();
  const candidates = useCandidates(
    {
      categoryId: ticket.categoryId,
      ...(departmentId ? { departmentId } : {}),
      ...(ticket.houseId ? { houseId: ticket.houseId } : ticket.areaId ? { areaId: ticket.areaId } : {}),
      projectId: ticket.projectId,
    },
    !byRules,
  );
  return (
    <>
      <Form.Item name="byRules" style={{ marginBottom: 12 }}>
        <Radio.Group
          optionType="button"
          options={[
            { value: false, label: t('action.dispatchManual') },
            { value: true, label: t('action.dispatchByRules') },
          ]}
          data-testid="action-dispatch-mode"
        />
      </Form.Item>
      {byRules ? null : (
        <>
          <Form.Item
            name="departmentId"
            label={t('ticket.department')}
            rules={[{ required: true, message: t('dispatch.departmentPlaceholder') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('dispatch.departmentPlaceholder')}
              options={departments.active.map((d) => ({ value: d.id, label: d.name }))}
              onChange={() => form.setFieldValue('assigneeId', null)}
              data-testid="action-department"
            />
          </Form.Item>
          {departmentId ? (
            <Form.Item name="assigneeId" label={t('ticket.assignee')}>
              <CandidateList
                candidates={(candidates.data?.candidates ?? []).filter(
                  (c) => c.departmentId === departmentId,
                )}
                suggestedId={candidates.data?.assigneeId}
                loading={candidates.isFetching}
              />
            </Form.Item>
          ) : null}
        </>
      )}
    </>
  );
}

/** The small form of one action. */
export function ActionFields({ action, ticket }: { action: FormAction; ticket: Ticket }) {
  const t = useT();
  const labels = useTicketLabels();
  const categories = useCategories();
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  const noteField = (label: string, opts: { required?: boolean; max?: number } = {}) => (
    <Form.Item
      name="note"
      label={label}
      rules={[
        ...(opts.required ? required(t('action.noteRequired')) : []),
        { max: opts.max ?? 2000, message: t('action.tooLong', { max: opts.max ?? 2000 }) },
      ]}
    >
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-note" />
    </Form.Item>
  );
  switch (action) {
    case 'dispatch':
      return (
        <>
          <DispatchFields ticket={ticket} />
          {noteField(t('action.note'))}
        </>
      );
    case 'decline':
    case 'reopen':
    case 'cancel':
      return (
        <Form.Item
          name="reason"
          label={t('action.reason')}
          rules={[
            ...required(t('action.reasonRequired')),
            { max: 500, message: t('action.tooLong', { max: 500 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-reason" />
        </Form.Item>
      );
    case 'hold':
      return (
        <>
          <Form.Item
            name="holdReason"
            label={t('action.holdReason')}
            rules={[{ required: true, message: t('action.holdReasonRequired') }]}
          >
            <Radio.Group
              options={HOLD_REASONS.map((r) => ({ value: r, label: labels.holdReason(r) }))}
              data-testid="action-hold-reason"
            />
          </Form.Item>
          {noteField(t('action.note'))}
        </>
      );
    case 'complete':
      return noteField(t('action.completeNote'), { required: true });
    case 'confirm': {
      const hasSignature = ticket.attachments.some((a) => a.stage === 'signature');
      return (
        <>
          <Form.Item name="method" label={t('action.method')} rules={[{ required: true }]}>
            <Radio.Group
              options={CONFIRMATION_METHODS.filter((m) => m !== 'signature' || hasSignature).map((m) => ({
                value: m,
                label: labels.confirmationMethod(m),
              }))}
            />
          </Form.Item>
          <Form.Item name="rating" label={t('action.rating')}>
            <Rate />
          </Form.Item>
          {noteField(t('action.customerComment'))}
        </>
      );
    }
    case 'visit':
      return (
        <>
          <Form.Item
            name="satisfied"
            label={t('action.satisfied')}
            rules={[{ required: true, message: t('action.satisfiedRequired') }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('action.satisfied.yes') },
                { value: false, label: t('action.satisfied.no') },
              ]}
              data-testid="action-satisfied"
            />
          </Form.Item>
          <Form.Item
            name="score"
            label={t('action.score')}
            rules={[{ required: true, message: t('action.scoreRequired') }]}
          >
            <Rate />
          </Form.Item>
          {noteField(t('action.visitNote'))}
        </>
      );
    case 'escalate':
      return noteField(t('action.escalateNote'), { required: true, max: 1000 });
    case 'link':
      return (
        <>
          <Form.Item
            name="targetId"
            label={t('action.linkTarget')}
            rules={[{ required: true, message: t('action.linkRequired') }]}
          >
            <RecordSearch exclude={ticket.id} />
          </Form.Item>
          <Form.Item name="kind" label={t('action.linkKind')} rules={[{ required: true }]}>
            <Radio.Group options={LINK_KINDS.map((k) => ({ value: k, label: labels.linkKind(k) }))} />
          </Form.Item>
        </>
      );
    case 'reclassify':
      return (
        <>
          <Form.Item name="type" label={t('intake.type')}>
            <Select options={TICKET_TYPES.map((k) => ({ value: k, label: labels.type(k) }))} />
          </Form.Item>
          <Form.Item name="categoryId" label={t('intake.category')}>
            <CategoryPicker tree={categories.tree} loading={categories.query.isPending} />
          </Form.Item>
          <Form.Item name="urgency" label={t('intake.urgency')}>
            <UrgencySwitch />
          </Form.Item>
          {noteField(t('action.note'))}
        </>
      );
  }
}
