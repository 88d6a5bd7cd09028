import { App, DatePicker, Flex, Form, Radio, Select, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { createDutyShift } from '../../../api/servicedesk.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { SHIFT_PRESETS, shiftInstants } from '../roster.ts';
import { useInvalidate } from '../hooks.ts';

/** Who and which day the dialog opens for (a cell's "+"), or blank (the page's button). */
export interface ShiftDraft {
  userId?: string;
  date?: string;
}

type PresetKey = (typeof SHIFT_PRESETS)[number]['key'] | 'custom';

interface Values {
  userId: string;
  date: Dayjs;
  preset: PresetKey;
  start?: Dayjs;
  end?: Dayjs;
}

const TIME = 'HH:mm';

export function ShiftModal({
  draft,
  people,
  onClose,
}: {
  draft: ShiftDraft | null;
  people: readonly { userId: string; name: string }[];
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const preset = Form.useWatch('preset', form);

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const chosen = SHIFT_PRESETS.find((p) => p.key === values.preset);
      // The picked day is a calendar date: only its Y-M-D is read, in the organisation's zone.
      const date = values.date.format('YYYY-MM-DD');
      const start = chosen?.start ?? values.start!.format(TIME);
      const end = chosen?.end ?? values.end!.format(TIME);
      return createDutyShift({ userId: values.userId, ...shiftInstants(date, start, end) });
    },
    onSuccess: (shift) => {
      message.success(t('sdRoster.created', { name: shift.userName }));
      invalidate('shifts', 'staff');
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal<Values>
      open={draft !== null}
      title={t('sdRoster.addShiftTitle')}
      okText={t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={{
        userId: draft?.userId,
        date: draft?.date ? dayjs(draft.date) : undefined,
        preset: 'day',
        start: dayjs('2000-01-01T08:00'),
        end: dayjs('2000-01-01T20:00'),
      }}
      onFinish={(values) => mutation.mutate(values)}
      submitTestId="shift-submit"
    >
      <Form.Item
        name="userId"
        label={t('sdRoster.person')}
        rules={[{ required: true, message: t('sdRoster.personRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={people.map((p) => ({ value: p.userId, label: p.name }))}
          data-testid="shift-person"
        />
      </Form.Item>
      <Form.Item
        name="date"
        label={t('sdRoster.date')}
        rules={[{ required: true, message: t('sdRoster.dateRequired') }]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="shift-date" />
      </Form.Item>
      <Form.Item name="preset" label={t('sdRoster.preset')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'day', label: <span data-testid="shift-preset-day">{t('sdRoster.preset.day')}</span> },
            {
              value: 'night',
              label: <span data-testid="shift-preset-night">{t('sdRoster.preset.night')}</span>,
            },
            {
              value: 'custom',
              label: <span data-testid="shift-preset-custom">{t('sdRoster.preset.custom')}</span>,
            },
          ]}
        />
      </Form.Item>
      {preset === 'custom' ? (
        <Form.Item extra={t('sdRoster.endNextDay')} style={{ marginBottom: 0 }}>
          <Flex gap={12}>
            <Form.Item
              name="start"
              label={t('sdRoster.start')}
              rules={[{ required: true, message: t('sdRoster.timeRequired') }]}
              style={{ flex: 1 }}
            >
              <TimePicker
                format={TIME}
                minuteStep={5}
                needConfirm={false}
                style={{ width: '100%' }}
                data-testid="shift-start"
              />
            </Form.Item>
            <Form.Item
              name="end"
              label={t('sdRoster.end')}
              rules={[{ required: true, message: t('sdRoster.timeRequired') }]}
              style={{ flex: 1 }}
            >
              <TimePicker
                format={TIME}
                minuteStep={5}
                needConfirm={false}
                style={{ width: '100%' }}
                data-testid="shift-end"
              />
            </Form.Item>
          </Flex>
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
