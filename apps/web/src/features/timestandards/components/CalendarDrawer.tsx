import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Flex,
  Input,
  Select,
  Switch,
  Table,
  TimePicker,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { BusinessCalendar, CalendarDay, WorkingInterval } from '@steward/contracts';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '@steward/contracts/catalogues';
import { ErrorAlert } from '../../../app/components/ErrorAlert.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { addHolidays, byDate, MAX_PERIODS, weekProblems } from '../calendar.ts';
import { periodMinutes } from '../durations.ts';
import { createCalendar, updateCalendar, useRefresh, useTimeFormat } from '../hooks.ts';

export type CalendarTarget = { mode: 'create' } | { mode: 'edit'; calendar: BusinessCalendar } | null;

interface Draft {
  name: string;
  alwaysOpen: boolean;
  week: WorkingInterval[][];
  days: CalendarDay[];
}

const TIME = 'HH:mm';
const DATE = 'YYYY-MM-DD';
const NEW_CALENDAR: Draft = {
  name: '',
  alwaysOpen: false,
  week: [0, 1, 2, 3, 4, 5, 6].map((d) =>
    d < 5
      ? [
          { start: '08:30', end: '12:00' },
          { start: '13:30', end: '17:30' },
        ]
      : [],
  ),
  days: [],
};

/**
 * A time picker cannot show 24:00, the end of a day; it shows 23:59 instead, and 23:59 picked as an
 * end is stored as 24:00 (a working period that runs to midnight).
 */
const toPicker = (hhmm: string): Dayjs => dayjs(`2000-01-01T${hhmm === '24:00' ? '23:59' : hhmm}`);
const fromPicker = (value: Dayjs, end: boolean): string => {
  const text = value.format(TIME);
  return end && text === '23:59' ? '24:00' : text;
};

/** Create or edit a business calendar: 24×7, or a week of working periods plus holidays and make-up days. */
export function CalendarDrawer({ target, onClose }: { target: CalendarTarget; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      title={
        target?.mode === 'edit'
          ? t('tsCalendar.editTitle', { name: target.calendar.name })
          : t('tsCalendar.createTitle')
      }
      size={760}
      destroyOnHidden
      data-testid="calendar-drawer"
    >
      {target ? <CalendarForm target={target} onClose={onClose} /> : null}
    </Drawer>
  );
}

function CalendarForm({ target, onClose }: { target: NonNullable<CalendarTarget>; onClose: () => void }) {
  const t = useT();
  const labels = useLabels();
  const format = useTimeFormat();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const editing = target.mode === 'edit' ? target.calendar : null;
  const [draft, setDraft] = useState<Draft>(() =>
    editing
      ? { name: editing.name, alwaysOpen: editing.alwaysOpen, week: editing.week, days: editing.days }
      : NEW_CALENDAR,
  );
  const [nameTouched, setNameTouched] = useState(false);
  const [single, setSingle] = useState<{ date: Dayjs | null; kind: CalendarDayKind; name: string }>({
    date: null,
    kind: 'holiday',
    name: '',
  });
  const [range, setRange] = useState<{ dates: [Dayjs, Dayjs] | null; name: string }>({
    dates: null,
    name: '',
  });

  const problems = draft.alwaysOpen ? [] : weekProblems(draft.week);
  const noWorkingTime = !draft.alwaysOpen && draft.week.every((day) => periodMinutes(day) === 0);
  const nameMissing = draft.name.trim() === '';

  const setWeekDay = (day: number, periods: WorkingInterval[]) =>
    setDraft((d) => ({ ...d, week: d.week.map((p, i) => (i === day ? periods : p)) }));
  const setDay = (date: string, patch: Partial<CalendarDay>) =>
    setDraft((d) => ({ ...d, days: d.days.map((x) => (x.date === date ? { ...x, ...patch } : x)) }));

  const mutation = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name.trim(),
        alwaysOpen: draft.alwaysOpen,
        week: draft.week,
        days: draft.days,
      };
      return editing
        ? updateCalendar(editing.id, { version: editing.version, ...body })
        : createCalendar(body);
    },
    onSuccess: (saved) => {
      message.success(t(editing ? 'tsCalendar.saved' : 'tsCalendar.created', { name: saved.name }));
      refresh();
      onClose();
    },
    onError: () => refresh(),
  });

  const addSingle = () => {
    if (!single.date) return;
    const date = single.date.format(DATE);
    if (draft.days.some((d) => d.date === date)) {
      message.warning(t('tsCalendar.dateTaken', { date }));
      return;
    }
    setDraft((d) => ({
      ...d,
      days: [...d.days, { date, kind: single.kind, name: single.name.trim() }].sort(byDate),
    }));
    setSingle((s) => ({ ...s, date: null, name: '' }));
  };
  const addRange = () => {
    if (!range.dates) return;
    const result = addHolidays(
      draft.days,
      range.dates[0].format(DATE),
      range.dates[1].format(DATE),
      range.name.trim(),
    );
    if (result.added === 0) message.warning(t('tsCalendar.rangeNothing'));
    else message.success(t('tsCalendar.rangeAdded', { n: result.added }));
    setDraft((d) => ({ ...d, days: result.days }));
    setRange({ dates: null, name: '' });
  };

  const dayColumns: TableColumnsType<CalendarDay> = [
    {
      title: t('tsCalendar.date'),
      dataIndex: 'date',
      width: 150,
      render: (date: string) => (
        <span data-testid={`day-row-${date}`}>
          {date}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
            {format.weekday((dayjs(date).day() + 6) % 7)}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('tsCalendar.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (kind: CalendarDayKind, d) => (
        <Select<CalendarDayKind>
          size="small"
          value={kind}
          onChange={(next) =>
            setDay(d.date, next === 'holiday' ? { kind: next, hours: undefined } : { kind: next })
          }
          options={CALENDAR_DAY_KINDS.map((k) => ({ value: k, label: labels.calendarDayKind(k) }))}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      title: t('tsCalendar.dayName'),
      dataIndex: 'name',
      render: (name: string, d) => (
        <Input
          size="small"
          value={name}
          maxLength={50}
          onChange={(e) => setDay(d.date, { name: e.target.value })}
        />
      ),
    },
    {
      key: 'remove',
      width: 48,
      render: (_v, d) => (
        <Button
          type="text"
          size="small"
          icon={<DeleteOutlined />}
          aria-label={t('common.remove')}
          title={t('common.remove')}
          onClick={() => setDraft((x) => ({ ...x, days: x.days.filter((y) => y.date !== d.date) }))}
          data-testid={`day-remove-${d.date}`}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={16} style={{ paddingBottom: 24 }}>
      <ErrorAlert error={mutation.error} />
      <div>
        <Typography.Text strong>{t('tsCalendar.name')}</Typography.Text>
        <Input
          value={draft.name}
          maxLength={50}
          status={nameTouched && nameMissing ? 'error' : undefined}
          onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
          onBlur={() => setNameTouched(true)}
          style={{ marginTop: 6 }}
          data-testid="calendar-name"
        />
        {nameTouched && nameMissing ? (
          <Typography.Text type="danger">{t('sdCommon.nameRequired')}</Typography.Text>
        ) : null}
      </div>

      <Flex gap={12} align="center">
        <Switch
          checked={draft.alwaysOpen}
          onChange={(alwaysOpen) => setDraft((d) => ({ ...d, alwaysOpen }))}
          data-testid="calendar-always-open"
        />
        <div>
          <Typography.Text strong>{t('tsCalendar.alwaysOpen')}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('tsCalendar.alwaysOpenHelp')}
          </Typography.Text>
        </div>
      </Flex>

      {draft.alwaysOpen ? null : (
        <>
          <div>
            <Flex justify="space-between" align="baseline">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('tsCalendar.week')}
              </Typography.Title>
              <Button
                size="small"
                icon={<CopyOutlined />}
                onClick={() =>
                  setDraft((d) => ({ ...d, week: d.week.map((p, i) => (i >= 1 && i <= 4 ? d.week[0]! : p)) }))
                }
                data-testid="week-copy-monday"
              >
                {t('tsCalendar.copyMonday')}
              </Button>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tsCalendar.weekHelp')}
            </Typography.Text>
            <Flex vertical gap={6} style={{ marginTop: 8 }} data-testid="week-grid">
              {draft.week.map((periods, day) => (
                <Flex key={day} gap={8} align="flex-start" wrap style={{ minHeight: 32 }}>
                  <Typography.Text strong style={{ width: 44, lineHeight: '32px' }}>
                    {format.weekday(day)}
                  </Typography.Text>
                  <Flex vertical gap={4} style={{ flex: 1 }}>
                    <Flex gap={8} wrap align="center">
                      {periods.length === 0 ? (
                        <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                          {t('tsCalendar.rest')}
                        </Typography.Text>
                      ) : null}
                      {periods.map((p, i) => (
                        <Flex key={i} gap={2} align="center">
                          {/* The picker drops data attributes: the wrapper carries the test id. */}
                          <span data-testid={`week-${day}-${i}`}>
                            <TimePicker.RangePicker
                              format={TIME}
                              minuteStep={5}
                              needConfirm={false}
                              allowClear={false}
                              value={[toPicker(p.start), toPicker(p.end)]}
                              status={
                                problems.some((x) => x.day === day && x.index === i) ? 'error' : undefined
                              }
                              onChange={(values) => {
                                if (!values?.[0] || !values[1]) return;
                                const next = [...periods];
                                next[i] = {
                                  start: fromPicker(values[0], false),
                                  end: fromPicker(values[1], true),
                                };
                                setWeekDay(day, next);
                              }}
                              style={{ width: 190 }}
                            />
                          </span>
                          <Button
                            type="text"
                            size="small"
                            icon={<DeleteOutlined />}
                            aria-label={t('tsCalendar.removePeriod')}
                            title={t('tsCalendar.removePeriod')}
                            onClick={() =>
                              setWeekDay(
                                day,
                                periods.filter((_x, j) => j !== i),
                              )
                            }
                            data-testid={`week-${day}-${i}-remove`}
                          />
                        </Flex>
                      ))}
                      {periods.length < MAX_PERIODS ? (
                        <Button
                          size="small"
                          type="dashed"
                          icon={<PlusOutlined />}
                          onClick={() => {
                            const last = periods[periods.length - 1];
                            const start = last ? last.end : '08:30';
                            const end = last ? (last.end < '21:00' ? '21:00' : '24:00') : '17:30';
                            setWeekDay(day, [...periods, { start, end }]);
                          }}
                          data-testid={`week-${day}-add`}
                        >
                          {t('tsCalendar.addPeriod')}
                        </Button>
                      ) : null}
                    </Flex>
                    {problems
                      .filter((x) => x.day === day)
                      .map((x) => (
                        <Typography.Text key={x.index} type="danger" style={{ fontSize: 12 }}>
                          {t(x.problem === 'empty' ? 'tsCalendar.periodEmpty' : 'tsCalendar.periodOverlap', {
                            n: x.index + 1,
                          })}
                        </Typography.Text>
                      ))}
                  </Flex>
                </Flex>
              ))}
            </Flex>
            {noWorkingTime ? (
              <Alert type="error" showIcon title={t('tsCalendar.noWorkingTime')} style={{ marginTop: 8 }} />
            ) : null}
          </div>

          <div>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('tsCalendar.days')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tsCalendar.daysHelp')}
            </Typography.Text>
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <span data-testid="days-add-date">
                <DatePicker
                  value={single.date}
                  onChange={(date) => setSingle((s) => ({ ...s, date }))}
                  style={{ width: 150 }}
                />
              </span>
              <Select<CalendarDayKind>
                value={single.kind}
                onChange={(kind) => setSingle((s) => ({ ...s, kind }))}
                options={CALENDAR_DAY_KINDS.map((k) => ({ value: k, label: labels.calendarDayKind(k) }))}
                style={{ width: 130 }}
                data-testid="days-add-kind"
              />
              <Input
                value={single.name}
                maxLength={50}
                placeholder={t('tsCalendar.dayNamePlaceholder')}
                onChange={(e) => setSingle((s) => ({ ...s, name: e.target.value }))}
                style={{ width: 180 }}
                data-testid="days-add-name"
              />
              <Button
                icon={<PlusOutlined />}
                disabled={!single.date}
                onClick={addSingle}
                data-testid="days-add"
              >
                {t('tsCalendar.addDay')}
              </Button>
            </Flex>
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <span data-testid="days-range">
                <DatePicker.RangePicker
                  value={range.dates}
                  onChange={(dates) =>
                    setRange((r) => ({ ...r, dates: dates?.[0] && dates[1] ? [dates[0], dates[1]] : null }))
                  }
                  style={{ width: 288 }}
                />
              </span>
              <Input
                value={range.name}
                maxLength={50}
                placeholder={t('tsCalendar.dayNamePlaceholder')}
                onChange={(e) => setRange((r) => ({ ...r, name: e.target.value }))}
                style={{ width: 180 }}
                data-testid="days-range-name"
              />
              <Button
                icon={<PlusOutlined />}
                disabled={!range.dates}
                onClick={addRange}
                data-testid="days-range-add"
              >
                {t('tsCalendar.addRange')}
              </Button>
            </Flex>
            <Table<CalendarDay>
              rowKey="date"
              size="small"
              columns={dayColumns}
              dataSource={draft.days}
              pagination={false}
              scroll={{ y: 300 }}
              locale={{ emptyText: t('tsCalendar.noDays') }}
              style={{ marginTop: 8 }}
              data-testid="days-table"
            />
          </div>
        </>
      )}

      {editing ? <Alert type="info" showIcon title={t('tsCalendar.editNote')} /> : null}
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          type="primary"
          loading={mutation.isPending}
          disabled={nameMissing || problems.length > 0 || noWorkingTime}
          onClick={() => mutation.mutate()}
          data-testid="calendar-submit"
        >
          {editing ? t('common.save') : t('common.create')}
        </Button>
      </Flex>
    </Flex>
  );
}
