import { Radio } from 'antd';
import { URGENCIES, type Urgency } from '@steward/contracts/catalogues';
import { useTicketLabels } from '../labels.ts';

/** 一般 / 特约 / 紧急 as buttons; an emergency shows in red so nobody misses it. */
export function UrgencySwitch({
  value = 'general',
  onChange,
}: {
  /** Optional so a Form.Item can drive it. */
  value?: Urgency;
  onChange?: (value: Urgency) => void;
}) {
  const labels = useTicketLabels();
  return (
    <Radio.Group
      optionType="button"
      buttonStyle="solid"
      value={value}
      onChange={(e) => onChange?.(e.target.value as Urgency)}
      data-testid="urgency-switch"
    >
      {URGENCIES.map((u) => (
        <Radio.Button
          key={u}
          value={u}
          style={
            u === 'emergency' && value === 'emergency'
              ? { background: '#d92d20', borderColor: '#d92d20', color: '#fff' }
              : u === 'emergency'
                ? { color: '#d92d20' }
                : undefined
          }
          data-testid={`urgency-${u}`}
        >
          {labels.urgency(u)}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}
