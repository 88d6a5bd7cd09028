import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import type { InputRef } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { CHANNELS } from '@steward/contracts/catalogues';
import type { Area, Customer, Ticket, TicketSummary } from '@steward/contracts';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { getCustomer } from '../../api/customers.ts';
import { queryKeys } from '../../api/keys.ts';
import { createTicket, intakeLookup, ticketKeys } from '../../api/tickets.ts';
import { PageHeader } from '../../app/components/PageHeader.tsx';
import { useI18n } from '../../app/i18n/I18nProvider.tsx';
import { useSearchText } from '../../app/useDebounced.ts';
import { usePermission } from '../../app/session.tsx';
import { looksLikePhone } from '../customers/search.ts';
import { useAllProjects } from '../projects/hooks.ts';
import { CategoryPicker, type CategoryPickerRef } from './components/CategoryPicker.tsx';
import { TypeSwitch, useTypeShortcuts } from './components/TypeSwitch.tsx';
import { UrgencySwitch } from './components/UrgencySwitch.tsx';
import { useCandidates, useCategories, useDepartments } from './hooks.ts';
import { CallerCard, type PickedCaller } from './intake/CallerCard.tsx';
import { callerHits, type IntakeCustomer, type IntakeHouse, type Occupant } from './intake/CallerResults.tsx';
import { DispatchField } from './intake/DispatchField.tsx';
import { IntakeDone } from './intake/IntakeDone.tsx';
import { LocationField, type HouseChoice } from './intake/LocationField.tsx';
import { PromiseField } from './intake/PromiseField.tsx';
import { ReadBackModal } from './intake/ReadBackModal.tsx';
import { RecordsPanel } from './intake/RecordsPanel.tsx';
import {
  buildCreateBody,
  defaultPromiseMinutes,
  draftProblems,
  EMPTY_DRAFT,
  findEmergencyWords,
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

/** A customer of the archive as the look-up would have shown them (opened from their 360 page). */
function asIntakeCustomer(customer: Customer): IntakeCustomer {
  return {
    id: customer.id,
    name: customer.name,
    phones: customer.phones.map((p) => p.masked),
    valueLevel: customer.valueLevel,
    hints: [],
    houses: customer.houses
      .filter((h) => h.current)
      .map((h) => ({
        id: h.houseId,
        projectId: h.projectId,
        projectName: h.projectName,
        buildingId: h.buildingId,
        roomLabel: h.roomLabel,
        role: h.role,
      })),
  };
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
  const search = useSearchText(200);
  const [highlight, setHighlight] = useState(0);
  const [pendingEnter, setPendingEnter] = useState<string | null>(null);
  const [picked, setPicked] = useState<PickedCaller | null>(null);
  const [lookedUpHouse, setLookedUpHouse] = useState<IntakeHouse | null>(null);
  const [houseChoices, setHouseChoices] = useState<HouseChoice[]>([]);
  const [house, setHouse] = useState<HouseChoice | null>(null);
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

  /* ---------------------------------------------------------------- caller look-up */

  const lookup = useQuery({
    queryKey: ticketKeys.lookup(search.q),
    queryFn: () => intakeLookup(search.q),
    enabled: search.q.length >= 2,
    placeholderData: (previous) => previous,
  });
  const lookupData = search.q.length >= 2 ? lookup.data : undefined;
  const hits = useMemo(
    () => (picked || lookedUpHouse ? [] : callerHits(lookupData)),
    [picked, lookedUpHouse, lookupData],
  );
  const answered = search.q === search.text.trim() && !lookup.isPlaceholderData && !lookup.isFetching;

  useEffect(() => setHighlight(0), [search.q]);

  const focusCategory = () => moveFocus(() => categoryRef.current?.focus());

  const pickCustomer = useCallback(
    (customer: IntakeCustomer) => {
      setPicked({
        customerId: customer.id,
        name: customer.name,
        phones: customer.phones,
        hints: customer.hints,
        valueLevel: customer.valueLevel,
      });
      setLookedUpHouse(null);
      const choices = customer.houses.map(({ id, projectId, projectName, roomLabel }) => ({
        id,
        projectId,
        projectName,
        roomLabel,
      }));
      setHouseChoices(choices);
      const only = choices.length === 1 ? choices[0]! : null;
      setHouse(only);
      patch({
        customerId: customer.id,
        reporterName: '',
        reporterPhone: '',
        houseId: only?.id ?? null,
        projectId: choices[0]?.projectId ?? null,
        ...(only ? { locationMode: 'house' as const } : {}),
      });
      focusCategory();
    },
    [patch],
  );

  const pickHouse = useCallback(
    (found: IntakeHouse, occupant: Occupant | null) => {
      const choice = {
        id: found.id,
        projectId: found.projectId,
        projectName: found.projectName,
        roomLabel: found.roomLabel,
      };
      setHouseChoices([choice]);
      setHouse(choice);
      patch({ houseId: found.id, projectId: found.projectId, locationMode: 'house' });
      if (occupant) {
        const known = lookupData?.customers.find((c) => c.id === occupant.customerId);
        setPicked({
          customerId: occupant.customerId,
          name: occupant.name,
          phones: known?.phones ?? [],
          hints: known?.hints ?? [],
          valueLevel: known?.valueLevel ?? null,
        });
        setLookedUpHouse(null);
        patch({ customerId: occupant.customerId, reporterName: '', reporterPhone: '' });
      } else {
        setLookedUpHouse(found);
      }
      focusCategory();
    },
    [patch, lookupData],
  );

  const pickHit = useCallback(
    (index: number) => {
      const hit = hits[index];
      if (!hit) return false;
      if (hit.kind === 'customer') pickCustomer(hit.customer);
      else pickHouse(hit.house, hit.house.occupants.length === 1 ? hit.house.occupants[0]! : null);
      return true;
    },
    [hits, pickCustomer, pickHouse],
  );

  // Opened from a customer's 360 page (?customerId=): that customer is the caller.
  const [params, setParams] = useSearchParams();
  const prefillId = params.get('customerId');
  const prefill = useQuery({
    queryKey: [...queryKeys.customers.all, 'detail', prefillId],
    queryFn: () => getCustomer(prefillId!),
    enabled: Boolean(prefillId) && can('customers.read'),
  });
  const prefilled = useRef<string | null>(null);
  const setSearchText = search.setText;
  useEffect(() => {
    if (!prefill.data || prefilled.current === prefill.data.id) return;
    prefilled.current = prefill.data.id;
    setSearchText(prefill.data.name);
    pickCustomer(asIntakeCustomer(prefill.data));
  }, [prefill.data, pickCustomer, setSearchText]);

  /** Nobody matched what was typed: keep it as the anonymous caller's phone (or name) and move on. */
  const takeAsAnonymous = useCallback(
    (text: string) => {
      patch(looksLikePhone(text) ? { reporterPhone: text } : { reporterName: text });
      focusCategory();
    },
    [patch],
  );

  // Enter pressed before the answer came: act on it once it arrives.
  useEffect(() => {
    if (pendingEnter === null || pendingEnter !== search.q || !answered) return;
    setPendingEnter(null);
    if (!pickHit(0)) takeAsAnonymous(pendingEnter);
  }, [pendingEnter, search.q, answered, pickHit, takeAsAnonymous]);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight((h) => (h + step + hits.length) % hits.length);
      return;
    }
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    const text = search.text.trim();
    if (!text) return;
    if (answered && search.q === text) {
      if (!pickHit(highlight)) takeAsAnonymous(text);
    } else {
      search.commit();
      setPendingEnter(text);
    }
  };

  const changeCaller = () => {
    setPicked(null);
    setLookedUpHouse(null);
    setHouseChoices([]);
    setHouse(null);
    patch({ customerId: null, houseId: null });
    setTimeout(() => searchRef.current?.focus(), 0);
  };

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

  const emergencyWords = useMemo(() => findEmergencyWords(draft.description), [draft.description]);
  const onSpot = isAnsweredOnSpot(draft);
  const defaultMinutes = defaultPromiseMinutes(draft.type, draft.channel);
  const projectId = draft.projectId ?? (projectList.length === 1 ? projectList[0]!.id : null);
  const sendable: IntakeDraft = { ...draft, projectId };

  const candidateQuery = {
    ...(draft.categoryId ? { categoryId: draft.categoryId } : {}),
    ...(draft.dispatch.mode === 'manual' && draft.dispatch.departmentId
      ? { departmentId: draft.dispatch.departmentId }
      : {}),
    ...(draft.locationMode === 'house' && draft.houseId ? { houseId: draft.houseId } : {}),
    ...(draft.locationMode === 'area' && draft.areaId ? { areaId: draft.areaId } : {}),
    ...(projectId ? { projectId } : {}),
  };
  const candidates = useCandidates(
    candidateQuery,
    Boolean(draft.categoryId) && !onSpot && draft.dispatch.mode !== 'none',
  );
  const suggestion = candidates.data;

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
      promise: promisePhrase(draft.promise, defaultMinutes, now, t),
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

  const problemLabel = (p: DraftProblem) => t(`intake.problem.${p}`);
  const startReadBack = () => {
    const found = draftProblems(sendable);
    setProblems(found);
    if (found.length > 0) {
      message.warning(
        t('intake.missing', { fields: found.map(problemLabel).join(t('common.listSeparator')) }),
      );
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
    search.setText('');
    search.commit();
    setPicked(null);
    setLookedUpHouse(null);
    setHouseChoices([]);
    setHouse(null);
    setArea(null);
    setUrgencyByCategory(false);
    setProblems([]);
    setCreated(null);
    setIdempotencyKey(newIdempotencyKey());
    mutation.reset();
    if (prefillId) setParams({}, { replace: true });
    setTimeout(() => searchRef.current?.focus(), 0);
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

  const customerIds = picked?.customerId ?? null;
  const houseIds = houseChoices.map((h) => h.id);
  const has = (p: DraftProblem) => problems.includes(p);
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
              text={search.text}
              onText={search.setText}
              onSearchKey={onSearchKey}
              searching={lookup.isFetching}
              answered={answered && search.q.length >= 2}
              hits={hits}
              highlight={highlight}
              onHighlight={setHighlight}
              onPickCustomer={pickCustomer}
              onPickHouse={pickHouse}
              picked={picked}
              lookedUpHouse={lookedUpHouse}
              onChange={changeCaller}
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
            <Card size="small" title={t('intake.request')} data-testid="intake-form">
              <Form layout="vertical" component="div">
                <Form.Item
                  label={t('intake.type')}
                  extra={t('intake.typeShortcut')}
                  style={{ marginBottom: 12 }}
                >
                  <TypeSwitch value={draft.type} onChange={(type) => patch({ type })} />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} md={14}>
                    <Form.Item
                      label={t('intake.category')}
                      required
                      validateStatus={has('category') ? 'error' : undefined}
                      style={{ marginBottom: 12 }}
                    >
                      <CategoryPicker
                        ref={categoryRef}
                        tree={categories.tree}
                        value={draft.categoryId}
                        onChange={onCategory}
                        loading={categories.query.isPending}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item label={t('intake.urgency')} style={{ marginBottom: 12 }}>
                      <UrgencySwitch
                        value={draft.urgency}
                        onChange={(urgency) => {
                          setUrgencyByCategory(false);
                          patch({ urgency });
                        }}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                {category && category.defaultUrgency === 'emergency' && draft.urgency === 'emergency' ? (
                  <Alert
                    type="error"
                    showIcon
                    title={t('intake.emergencyFromCategory')}
                    style={{ marginBottom: 12 }}
                    data-testid="intake-emergency-category"
                  />
                ) : null}
                <Form.Item
                  label={t('intake.description')}
                  required
                  extra={t('intake.descriptionHelp')}
                  validateStatus={has('description') ? 'error' : undefined}
                  style={{ marginBottom: 12 }}
                >
                  <Input.TextArea
                    ref={descriptionRef}
                    value={draft.description}
                    onChange={(e) => patch({ description: e.target.value })}
                    onKeyDown={(e) => {
                      // While the read-back is open, Enter belongs to it (the focus may not have moved yet).
                      if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && !reading) {
                        e.preventDefault();
                        startReadBack();
                      }
                    }}
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    maxLength={2000}
                    placeholder={t('intake.descriptionPlaceholder')}
                    data-testid="intake-description"
                  />
                </Form.Item>
                {emergencyWords.length > 0 && draft.urgency !== 'emergency' ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('intake.emergencyWords', {
                      words: emergencyWords.join(t('common.listSeparator')),
                    })}
                    action={
                      <Button
                        size="small"
                        danger
                        onClick={() => patch({ urgency: 'emergency' })}
                        data-testid="intake-switch-emergency"
                      >
                        {t('intake.switchEmergency')}
                      </Button>
                    }
                    style={{ marginBottom: 12 }}
                    data-testid="intake-emergency-words"
                  />
                ) : null}
                <Form.Item
                  label={t('intake.location')}
                  required
                  validateStatus={has('location') ? 'error' : undefined}
                  help={has('location') ? t('intake.locationRequired') : undefined}
                  style={{ marginBottom: 12 }}
                >
                  <LocationField
                    mode={draft.locationMode}
                    onModeChange={(locationMode) => patch({ locationMode })}
                    choices={houseChoices}
                    house={house}
                    onHouse={(h) => {
                      setHouse(h);
                      patch({ houseId: h.id, projectId: h.projectId });
                    }}
                    projects={projectList}
                    projectId={projectId}
                    onProject={(id) => {
                      setArea(null);
                      patch({ projectId: id, areaId: null });
                    }}
                    area={area}
                    onArea={(a) => {
                      setArea(a);
                      patch({ areaId: a.id });
                    }}
                  />
                </Form.Item>
                {draft.type === 'inquiry' ? (
                  <Form.Item style={{ marginBottom: 12 }}>
                    <Checkbox
                      checked={draft.answeredOnSpot}
                      onChange={(e) => patch({ answeredOnSpot: e.target.checked })}
                      data-testid="intake-on-spot"
                    >
                      {t('intake.answerOnSpot')}
                    </Checkbox>
                    {draft.answeredOnSpot ? (
                      <Input.TextArea
                        value={draft.reply}
                        onChange={(e) => patch({ reply: e.target.value })}
                        autoSize={{ minRows: 2, maxRows: 6 }}
                        maxLength={2000}
                        status={has('reply') ? 'error' : undefined}
                        placeholder={t('intake.replyPlaceholder')}
                        style={{ marginTop: 8 }}
                        data-testid="intake-reply"
                      />
                    ) : null}
                  </Form.Item>
                ) : null}
                {onSpot ? null : (
                  <Row gutter={12}>
                    <Col xs={24} lg={13}>
                      <Form.Item
                        label={t('intake.dispatch')}
                        validateStatus={has('department') ? 'error' : undefined}
                        style={{ marginBottom: 12 }}
                      >
                        <DispatchField
                          value={draft.dispatch}
                          onChange={(dispatch) => patch({ dispatch })}
                          suggestion={suggestion}
                          loading={candidates.isFetching}
                          departments={departments.active}
                          categoryChosen={Boolean(draft.categoryId)}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} lg={11}>
                      <Form.Item label={t('intake.promise')} style={{ marginBottom: 12 }}>
                        <PromiseField
                          value={draft.promise}
                          onChange={(promise) => patch({ promise })}
                          defaultMinutes={defaultMinutes}
                          now={now}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                )}
                {duplicateTicket ? (
                  <Alert
                    type="info"
                    showIcon
                    title={t('intake.duplicateOf', { number: duplicateTicket.number })}
                    closable={{ onClose: () => patch({ duplicateOf: null }) }}
                    style={{ marginBottom: 12 }}
                  />
                ) : null}
                <Flex gap={12} align="center" wrap>
                  <Button
                    type="primary"
                    size="large"
                    onClick={startReadBack}
                    data-testid="intake-read-back-open"
                  >
                    {t('intake.readBack')}
                  </Button>
                  {problems.length ? (
                    <Typography.Text type="danger" data-testid="intake-problems">
                      {t('intake.missing', {
                        fields: problems.map(problemLabel).join(t('common.listSeparator')),
                      })}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">{t('intake.readBackKey')}</Typography.Text>
                  )}
                </Flex>
              </Form>
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <RecordsPanel
            open={concerning(lookupData?.openTickets ?? [], customerIds, houseIds)}
            recent={concerning(lookupData?.recentTickets ?? [], customerIds, houseIds)}
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
