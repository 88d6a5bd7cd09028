import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Col, Flex, Row, Select, Typography } from 'antd';
import type { InputRef } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { CHANNELS, type Urgency } from '@steward/contracts/catalogues';
import type { Area, Ticket, TicketSummary } from '@steward/contracts';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { createTicket, ticketKeys } from '../../api/tickets.ts';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { useI18n } from '../../app/i18n/I18nProvider.tsx';
import { usePermission } from '../../app/session.tsx';
import { useAllProjects } from '../projects/hooks.ts';
import type { CategoryPickerRef } from './components/CategoryPicker.tsx';
import { useTypeShortcuts } from './components/TypeSwitch.tsx';
import { useCandidates, useCategories, useClockPreview, useDepartments } from './hooks.ts';
import { CallerCard } from './intake/CallerCard.tsx';
import { IntakeDone } from './intake/IntakeDone.tsx';
import { ReadBackModal } from './intake/ReadBackModal.tsx';
import { RecordsPanel } from './intake/RecordsPanel.tsx';
import { RequestCard } from './intake/RequestCard.tsx';
import { useCaller } from './intake/useCaller.ts';
import {
  buildCreateBody,
  defaultPromiseMinutes,
  draftProblems,
  EMPTY_DRAFT,
  isAnsweredOnSpot,
  promisePhrase,
  readBackSentence,
  type DraftProblem,
  type IntakeDraft,
} from './intake.ts';
import { useTicketLabels } from './labels.ts';
import { useNow } from './useNow.ts';

/**
 * Moves the focus at once, so keys typed right after Enter land in the next field, and once more
 * after the current event, in case the control just left re-focuses itself as it closes.
 */
function moveFocus(focus: () => void): void {
  focus();
  setTimeout(focus, 0);
}

/** Records the lookup found that concern the chosen caller or house (all of them until one is chosen). */
function concerning(tickets: TicketSummary[], customerId: string | null, houseIds: string[]) {
  if (!customerId && houseIds.length === 0) return tickets;
  return tickets.filter(
    (t) => (customerId && t.customerId === customerId) || (t.houseId && houseIds.includes(t.houseId)),
  );
}

/**
 * 受理登记, built for a phone call: find the caller as their number is typed, pick type and
 * category with the keyboard, read the record back, save with Enter. A common repair from a
 * known caller: phone, Enter, category, Enter, description, Enter, Enter.
 */
export function IntakePage() {
  const { t } = useI18n();
  const labels = useTicketLabels();
  const can = usePermission();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const now = useNow(30_000);

  const [draft, setDraft] = useState<IntakeDraft>(EMPTY_DRAFT);
  const patch = useCallback((p: Partial<IntakeDraft>) => setDraft((d) => ({ ...d, ...p })), []);
  const [area, setArea] = useState<Area | null>(null);
  const [urgencyByCategory, setUrgencyByCategory] = useState(false);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [reading, setReading] = useState(false);
  const [created, setCreated] = useState<{ ticket: Ticket; sentence: string } | null>(null);
  // One key per form: a double click, or Enter pressed twice, registers one record.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const searchRef = useRef<InputRef>(null);
  const categoryRef = useRef<CategoryPickerRef>(null);
  const descriptionRef = useRef<TextAreaRef>(null);

  const categories = useCategories();
  const departments = useDepartments();
  const projects = useAllProjects(can('projects.read'));
  const projectList = useMemo(() => projects.data ?? [], [projects.data]);

  useTypeShortcuts((type) => patch({ type }), !reading && !created);

  const onSettled = useCallback(() => moveFocus(() => categoryRef.current?.focus()), []);
  const focusSearch = useCallback(() => searchRef.current?.focus(), []);
  const caller = useCaller({ patch, onSettled, focusSearch });
  const { picked, house, lookupData } = caller;

  /* ---------------------------------------------------------------- the request */

  const category = draft.categoryId ? categories.byId.get(draft.categoryId) : undefined;
  const onCategory = (categoryId: string) => {
    const chosen = categories.byId.get(categoryId);
    const next: Partial<IntakeDraft> = { categoryId };
    // A category that is urgent by nature (电梯困人) sets the urgency; going back to an ordinary
    // one undoes only what the category did, never the agent's own choice.
    if (chosen && chosen.defaultUrgency !== 'general') {
      next.urgency = chosen.defaultUrgency;
      setUrgencyByCategory(true);
    } else if (urgencyByCategory) {
      next.urgency = 'general';
      setUrgencyByCategory(false);
    }
    patch(next);
    moveFocus(() => descriptionRef.current?.focus());
  };
  const onUrgency = (urgency: Urgency) => {
    setUrgencyByCategory(false);
    patch({ urgency });
  };

  const onSpot = isAnsweredOnSpot(draft);
  const projectId = draft.projectId ?? (projectList.length === 1 ? projectList[0]!.id : null);
  const sendable: IntakeDraft = { ...draft, projectId };

  const candidates = useCandidates(
    {
      ...(draft.categoryId ? { categoryId: draft.categoryId } : {}),
      ...(draft.dispatch.mode === 'manual' && draft.dispatch.departmentId
        ? { departmentId: draft.dispatch.departmentId }
        : {}),
      ...(draft.locationMode === 'house' && draft.houseId ? { houseId: draft.houseId } : {}),
      ...(draft.locationMode === 'area' && draft.areaId ? { areaId: draft.areaId } : {}),
      ...(projectId ? { projectId } : {}),
    },
    Boolean(draft.categoryId) && !onSpot && draft.dispatch.mode !== 'none',
  );
  const suggestion = candidates.data;
  // The promise the governing time standard gives now (its calendar knows the office is closed at night).
  const preview = useClockPreview(
    {
      type: draft.type,
      ...(draft.categoryId ? { categoryId: draft.categoryId } : {}),
      urgency: draft.urgency,
      ...(projectId ? { projectId } : {}),
    },
    !onSpot && draft.promise.kind === 'default',
  ).data;

  /** Who will handle it, as far as can be told before saving: the rules' choice or the agent's. */
  const handler = (() => {
    if (draft.dispatch.mode === 'none' || !suggestion) return null;
    if (draft.dispatch.mode === 'manual') {
      const { departmentId, assigneeId } = draft.dispatch;
      const department = departmentId
        ? (departments.byId.get(departmentId)?.name ??
          (suggestion.departmentId === departmentId ? suggestion.departmentName : null))
        : null;
      const person = suggestion.candidates.find((c) => c.userId === assigneeId)?.name ?? null;
      return { department, person };
    }
    const person = suggestion.candidates.find((c) => c.userId === suggestion.assigneeId)?.name ?? null;
    return { department: suggestion.departmentName, person };
  })();

  const locationLabel =
    draft.locationMode === 'house'
      ? (house?.roomLabel ?? null)
      : draft.locationMode === 'area'
        ? (area?.name ?? null)
        : (projectList.find((p) => p.id === projectId)?.name ?? null);
  const callerName = picked?.name ?? (draft.reporterName.trim() || null);

  const sentence = readBackSentence(
    {
      callerName,
      type: draft.type,
      location: locationLabel,
      description: draft.description,
      handler,
      promise:
        draft.promise.kind === 'default' && preview?.promisedReplyAt
          ? // Worded from the moment the server planned it: "10分钟内", not 11 because the page's clock lags.
            promisePhrase({ kind: 'at', at: preview.promisedReplyAt }, null, dayjs(preview.at), t)
          : promisePhrase(draft.promise, defaultPromiseMinutes(draft.type, draft.channel), now, t),
      answeredOnSpot: onSpot,
      emergency: draft.urgency === 'emergency',
    },
    t,
  );

  const duplicateTicket = lookupData?.openTickets.find((x) => x.id === draft.duplicateOf) ?? null;

  const mutation = useMutation({
    mutationFn: () => createTicket(buildCreateBody(sendable), idempotencyKey),
    onSuccess: (ticket) => {
      setCreated({ ticket, sentence });
      setReading(false);
      void queryClient.invalidateQueries({ queryKey: [...ticketKeys.all, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...ticketKeys.all, 'lookup'] });
    },
    onError: (error) => {
      // Refused outright (bad input, no permission): nothing was stored, so the corrected form may
      // go with a new key. A lost answer keeps the key, so a retry cannot make a second record.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500)
        setIdempotencyKey(newIdempotencyKey());
    },
  });

  const startReadBack = () => {
    const found = draftProblems(sendable);
    setProblems(found);
    if (found.length > 0) {
      const fields = found.map((p) => t(`intake.problem.${p}`)).join(t('common.listSeparator'));
      message.warning(t('intake.missing', { fields }));
      if (found[0] === 'category') categoryRef.current?.focus();
      else if (found[0] === 'description') descriptionRef.current?.focus();
      return;
    }
    mutation.reset();
    // The dialog takes the keys from here: leave no field that could take an Enter as a new line.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    setReading(true);
  };

  // Problems shown after an attempt clear themselves as the agent fills the fields in.
  useEffect(() => {
    if (problems.length) setProblems((current) => current.filter((p) => draftProblems(sendable).includes(p)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-checked whenever the form changes
  }, [draft]);

  const registerNext = () => {
    setDraft(EMPTY_DRAFT);
    caller.reset();
    setArea(null);
    setUrgencyByCategory(false);
    setProblems([]);
    setCreated(null);
    setIdempotencyKey(newIdempotencyKey());
    mutation.reset();
    setTimeout(focusSearch, 0);
  };

  const header = (
    <PageHeader
      title={t('menu.intake')}
      description={t('intake.pageDescription')}
      extra={
        can('tickets.read') ? (
          <Button icon={<UnorderedListOutlined />} onClick={() => navigate('/desk/tickets')}>
            {t('menu.tickets')}
          </Button>
        ) : null
      }
    />
  );

  if (created) {
    return (
      <>
        {header}
        <IntakeDone ticket={created.ticket} sentence={created.sentence} onNext={registerNext} />
      </>
    );
  }

  const houseIds = caller.houseChoices.map((h) => h.id);
  const customerId = picked?.customerId ?? null;
  const summary = [
    { label: t('intake.type'), value: labels.type(draft.type) },
    {
      label: t('intake.category'),
      value: (draft.categoryId && categories.paths.get(draft.categoryId)?.join(' / ')) || '—',
    },
    {
      label: t('intake.urgency'),
      value: (
        <Typography.Text
          type={draft.urgency === 'emergency' ? 'danger' : undefined}
          strong={draft.urgency === 'emergency'}
        >
          {labels.urgency(draft.urgency)}
        </Typography.Text>
      ),
    },
    { label: t('intake.channel'), value: labels.channel(draft.channel) },
    { label: t('intake.location'), value: locationLabel ?? '—' },
    {
      label: t('intake.caller'),
      value:
        [callerName, picked ? picked.phones[0] : draft.reporterPhone.trim()].filter(Boolean).join(' · ') ||
        '—',
    },
    ...(duplicateTicket ? [{ label: t('intake.duplicateOfLabel'), value: duplicateTicket.number }] : []),
  ];

  return (
    <>
      {header}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={12}>
            <CallerCard
              inputRef={searchRef}
              text={caller.search.text}
              onText={caller.search.setText}
              onSearchKey={caller.onSearchKey}
              searching={caller.searching}
              answered={caller.answered}
              hits={caller.hits}
              highlight={caller.highlight}
              onHighlight={caller.setHighlight}
              onPickCustomer={caller.pickCustomer}
              onPickHouse={caller.pickHouse}
              picked={picked}
              lookedUpHouse={caller.lookedUpHouse}
              onChange={caller.change}
              reporterName={draft.reporterName}
              reporterPhone={draft.reporterPhone}
              onReporter={patch}
              extra={
                <Flex gap={6} align="center">
                  <Typography.Text type="secondary">{t('intake.channel')}</Typography.Text>
                  <Select
                    size="small"
                    variant="borderless"
                    value={draft.channel}
                    onChange={(channel) => patch({ channel })}
                    options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
                    popupMatchSelectWidth={false}
                    data-testid="intake-channel"
                  />
                </Flex>
              }
            />
            <RequestCard
              draft={draft}
              patch={patch}
              problems={problems}
              categoryRef={categoryRef}
              descriptionRef={descriptionRef}
              categories={{ tree: categories.tree, loading: categories.query.isPending }}
              onCategory={onCategory}
              onUrgency={onUrgency}
              emergencyCategory={category?.defaultUrgency === 'emergency' && draft.urgency === 'emergency'}
              location={{
                choices: caller.houseChoices,
                house,
                onHouse: (h) => {
                  caller.setHouse(h);
                  patch({ houseId: h.id, projectId: h.projectId });
                },
                projects: projectList,
                projectId,
                onProject: (id) => {
                  setArea(null);
                  patch({ projectId: id, areaId: null });
                },
                area,
                onArea: (a) => {
                  setArea(a);
                  patch({ areaId: a.id });
                },
              }}
              dispatch={{ suggestion, loading: candidates.isFetching, departments: departments.active }}
              now={now}
              duplicateNumber={duplicateTicket?.number ?? null}
              reading={reading}
              onReadBack={startReadBack}
            />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <RecordsPanel
            open={concerning(lookupData?.openTickets ?? [], customerId, houseIds)}
            recent={concerning(lookupData?.recentTickets ?? [], customerId, houseIds)}
            searched={Boolean(lookupData)}
            duplicateOf={draft.duplicateOf}
            onMarkDuplicate={(ticket) =>
              patch({ duplicateOf: draft.duplicateOf === ticket.id ? null : ticket.id })
            }
          />
        </Col>
      </Row>
      <ReadBackModal
        open={reading}
        sentence={sentence}
        summary={summary}
        pending={mutation.isPending}
        error={mutation.error}
        onConfirm={() => {
          if (!mutation.isPending) mutation.mutate();
        }}
        onCancel={() => setReading(false)}
      />
    </>
  );
}
