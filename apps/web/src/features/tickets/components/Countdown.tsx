import { useSyncExternalStore } from 'react';
import { Flex, Tag, Tooltip } from 'antd';
import { PauseCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import {
  countdownState,
  countdownText,
  TONE_COLORS,
  TONE_STROKES,
  type CountdownInput,
} from '../countdown.ts';

const TICK_MS = 15_000;

/**
 * One timer for the whole tab, however many countdowns are on screen: each countdown re-renders
 * itself on the tick (the table around it does not), and the timer stops when none is left.
 */
let tickNow = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const ticking = new Set<() => void>();

function subscribeTick(onTick: () => void): () => void {
  ticking.add(onTick);
  if (!timer) {
    // The first countdown after a pause must not read a time from minutes ago.
    tickNow = Date.now();
    timer = setInterval(() => {
      tickNow = Date.now();
      for (const tick of ticking) tick();
    }, TICK_MS);
  }
  return () => {
    ticking.delete(onTick);
    if (ticking.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, moved on by the shared tick. */
export function useTickingNow(): Date {
  const ms = useSyncExternalStore(subscribeTick, () => tickNow);
  return new Date(ms);
}

const TIGHT = { marginInlineEnd: 0 };

/** "升级 L2": how far a record has been escalated. */
export function EscalationBadge({ level }: { level: number }) {
  const t = useT();
  if (level <= 0) return null;
  return (
    <Tag
      color="magenta"
      icon={<RiseOutlined />}
      style={{ ...TIGHT, fontSize: 11 }}
      data-testid="escalation-badge"
    >
      {t('sla.escalation', { level })}
    </Tag>
  );
}

interface Props extends CountdownInput {
  escalationLevel?: number;
  /** A thin bar under the text with the share of the span still left (the queues show it). */
  bar?: boolean;
  testId?: string;
}

/**
 * A running clock at a glance: "剩 12分钟" in blue, orange from the warning point (即将超时), red once
 * due ("超时 1小时5分"); "已暂停" on hold; nothing when no clock runs. The exact deadline on hover.
 */
export function Countdown({ escalationLevel = 0, bar = false, testId = 'countdown', ...input }: Props) {
  const t = useT();
  const now = useTickingNow();
  const state = countdownState(input, now);
  const badge = <EscalationBadge level={escalationLevel} />;
  if (state.kind === 'none') return escalationLevel > 0 ? badge : null;
  if (state.kind === 'paused')
    return (
      <Flex vertical gap={2} align="flex-start">
        <Tooltip title={t('sla.pausedHelp')}>
          <Tag icon={<PauseCircleOutlined />} style={TIGHT} data-testid={testId} data-tone="paused">
            {countdownText(state, t)}
          </Tag>
        </Tooltip>
        {badge}
      </Flex>
    );
  const tip = `${t(`sla.tone.${state.tone}`)} · ${t('sla.dueAt', { time: formatDateTime(input.dueAt).slice(5, 16) })}`;
  return (
    <Flex vertical gap={3} align="flex-start">
      <Tooltip title={tip}>
        <Tag
          color={TONE_COLORS[state.tone]}
          style={{
            ...TIGHT,
            fontVariantNumeric: 'tabular-nums',
            fontWeight: state.tone === 'normal' ? 400 : 600,
          }}
          data-testid={testId}
          data-tone={state.tone}
        >
          {countdownText(state, t)}
        </Tag>
      </Tooltip>
      {bar && state.left !== null ? (
        <div
          style={{ width: '100%', maxWidth: 110, height: 3, borderRadius: 2, background: '#f0f0f0' }}
          aria-hidden
        >
          <div
            style={{
              // Past due the bar is all red: nothing is left, and that is the point to see.
              width: state.tone === 'overdue' ? '100%' : `${Math.round(state.left * 100)}%`,
              height: '100%',
              borderRadius: 2,
              background: TONE_STROKES[state.tone],
            }}
          />
        </div>
      ) : null}
      {badge}
    </Flex>
  );
}
