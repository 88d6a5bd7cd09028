import { Button, DatePicker, Flex, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { quickPromise, type PromiseChoice, type PromiseQuick } from '../intake.ts';

const QUICKS: PromiseQuick[] = ['m10', 'm30', 'h2', 'today17'];

interface Props {
  value: PromiseChoice;
  onChange: (value: PromiseChoice) => void;
  /** Minutes the desk promises by default for this type and channel; null: the time standard decides. */
  defaultMinutes: number | null;
  now: Dayjs;
}

/** When the caller will hear back: the default, a quick choice, or any time the agent agrees with them. */
export function PromiseField({ value, onChange, defaultMinutes, now }: Props) {
  const t = useT();
  const chosen = value.kind === 'at' ? dayjs(value.at) : null;
  return (
    <Flex vertical gap={6}>
      <Flex gap={8} wrap align="center">
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          value={chosen}
          placeholder={
            defaultMinutes === null
              ? t('intake.promiseStandard')
              : t('intake.promiseDefault', {
                  time: now.add(defaultMinutes, 'minute').format('HH:mm'),
                  minutes: defaultMinutes,
                })
          }
          disabledDate={(date) => date.isBefore(now, 'day')}
          onChange={(date: Dayjs | null) =>
            onChange(date ? { kind: 'at', at: date.second(0).toISOString() } : { kind: 'default' })
          }
          style={{ width: 260 }}
          data-testid="intake-promise"
        />
        {QUICKS.map((quick) => {
          const at = quickPromise(quick, now);
          return (
            <Button
              key={quick}
              size="small"
              disabled={!at}
              onClick={() => at && onChange({ kind: 'at', at: at.second(0).toISOString() })}
              data-testid={`intake-promise-${quick}`}
            >
              {t(`intake.quick.${quick}`)}
            </Button>
          );
        })}
        {value.kind === 'at' ? (
          <Button size="small" type="link" onClick={() => onChange({ kind: 'default' })}>
            {t('intake.promiseReset')}
          </Button>
        ) : null}
      </Flex>
      {chosen && chosen.isBefore(now) ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          <ClockCircleOutlined /> {t('intake.promisePast')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
