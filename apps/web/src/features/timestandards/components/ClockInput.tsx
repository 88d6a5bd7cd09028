import { InputNumber, Select, Space } from 'antd';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import type { ClockValue, DurationUnit } from '../durations.ts';

interface Props {
  value?: ClockValue;
  onChange?: (value: ClockValue) => void;
  /** Feedback may be due by the end of the working day (当日). */
  allowSameDay?: boolean;
  /** What "no value" means here, e.g. "不设" for a clock, "同反馈时限" for the promise. */
  noneLabel?: string;
  /** A day of a 24×7 calendar is a calendar day, otherwise a working day; null while no calendar is chosen. */
  dayUnit: 'workingDay' | 'day' | null;
  'data-testid': string;
}

type Choice = DurationUnit | 'none' | 'same_day';

/**
 * A duration as a number and a unit (minutes, hours, working days), or no such clock, or (feedback)
 * the same working day. Typing a number into an empty clock makes it minutes.
 */
export function ClockInput({ value, onChange, allowSameDay, noneLabel, dayUnit, ...rest }: Props) {
  const t = useT();
  const testId = rest['data-testid'];
  const current: ClockValue = value ?? { mode: 'none' };
  const choice: Choice = current.mode === 'time' ? current.unit : current.mode;
  const amount = current.mode === 'time' ? current.amount : null;
  const unitOr = (fallback: DurationUnit) => (current.mode === 'time' ? current.unit : fallback);

  const options: { value: Choice; label: string; disabled?: boolean }[] = [
    { value: 'minute', label: t('tsUnit.minute') },
    { value: 'hour', label: t('tsUnit.hour') },
    {
      value: 'day',
      label: t(dayUnit === 'day' ? 'tsUnit.day' : 'tsUnit.workingDay'),
      disabled: dayUnit === null,
    },
    ...(allowSameDay ? [{ value: 'same_day' as const, label: t('tsUnit.sameDay') }] : []),
    { value: 'none', label: noneLabel ?? t('tsUnit.none') },
  ];

  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber<number>
        min={1}
        precision={0}
        value={amount}
        placeholder="—"
        disabled={current.mode === 'same_day'}
        onChange={(n) => onChange?.({ mode: 'time', amount: n, unit: unitOr('minute') })}
        style={{ width: '45%' }}
        data-testid={`${testId}-amount`}
      />
      <Select<Choice>
        value={choice}
        options={options}
        onChange={(next) => {
          if (next === 'none') onChange?.({ mode: 'none' });
          else if (next === 'same_day') onChange?.({ mode: 'same_day' });
          else onChange?.({ mode: 'time', amount, unit: next });
        }}
        popupMatchSelectWidth={false}
        style={{ width: '55%' }}
        data-testid={`${testId}-unit`}
      />
    </Space.Compact>
  );
}
