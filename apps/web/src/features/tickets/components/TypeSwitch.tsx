import { useEffect, useRef } from 'react';
import { Radio } from 'antd';
import { TICKET_TYPES, type TicketType } from '@steward/contracts/catalogues';
import { useTicketLabels } from '../labels.ts';

/** Typing into a field must never change the type: digits there are phone numbers and room labels. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Keys 1–8 choose the type when the focus is not in a field; Alt+1–8 work from anywhere (the
 * agent need not leave the description to correct it).
 */
export function useTypeShortcuts(onType: (type: TicketType) => void, enabled: boolean): void {
  const onTypeRef = useRef(onType);
  useEffect(() => {
    onTypeRef.current = onType;
  }, [onType]);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.isComposing) return;
      const digit = /^Digit([1-8])$/.exec(event.code)?.[1];
      if (!digit) return;
      if (!event.altKey && isEditable(event.target)) return;
      event.preventDefault();
      onTypeRef.current(TICKET_TYPES[Number(digit) - 1]!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/**
 * The eight types as one bar of buttons, each with its shortcut number; the bar wraps on narrow
 * screens and in longer (English) labels rather than running out of its card.
 */
export function TypeSwitch({
  value,
  onChange,
}: {
  value: TicketType;
  onChange: (value: TicketType) => void;
}) {
  const labels = useTicketLabels();
  return (
    <Radio.Group
      optionType="button"
      buttonStyle="solid"
      value={value}
      onChange={(e) => onChange(e.target.value as TicketType)}
      data-testid="type-switch"
    >
      {TICKET_TYPES.map((type, i) => (
        <Radio.Button key={type} value={type} data-testid={`type-${type}`}>
          <span style={{ fontSize: 11, opacity: 0.55, marginInlineEnd: 4 }}>{i + 1}</span>
          {labels.type(type)}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}
