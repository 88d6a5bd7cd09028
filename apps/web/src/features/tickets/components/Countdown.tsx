import { memo, useSyncExternalStore } from 'react';
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
  type CountdownTone,
} from '../countdown.ts';

/** Every second: a clock turns orange or red the moment it should, not up to a tick later. */
const TICK_MS = 1_000;

/**
 * One timer for the whole tab, however many countdowns are on screen: each countdown reads the tick
 * by itself (the table around it is not rendered again) and redraws only when its text, colour or
 * bar changed; the timer stops when no countdown is left.
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

interface ViewProps {
  tone: CountdownTone | 'paused';
  text: string;
  tip: string;
  /** Width of the bar in percent; null: no bar. */
  barPercent: number | null;
  escalationLevel: number;
  testId: string;
}

/** What is drawn, from plain values: the tick re-renders it only when something visible changed. */
const CountdownView = memo(function CountdownView({
  tone,
  text,
  tip,
  barPercent,
  escalationLevel,
  testId,
}: ViewProps) {
  return (
    <Flex vertical gap={3} align="flex-start">
      <Tooltip title={tip}>
        <Tag
          color={tone === 'paused' ? undefined : TONE_COLORS[tone]}
          icon={tone === 'paused' ? <PauseCircleOutlined /> : undefined}
          style={{
            ...TIGHT,
            fontVariantNumeric: 'tabular-nums',
            fontWeight: tone === 'soon' || tone === 'overdue' ? 600 : 400,
            // A long span ("29 h 58 min overdue") wraps inside a narrow column rather than spilling out.
            whiteSpace: 'normal',
            maxWidth: '100%',
          }}
          data-testid={testId}
          data-tone={tone}
        >
          {text}
        </Tag>
      </Tooltip>
      {barPercent !== null && tone !== 'paused' ? (
        <div
          style={{ width: '100%', maxWidth: 96, height: 3, borderRadius: 2, background: '#f0f0f0' }}
          aria-hidden
        >
          <div
            style={{
              width: `${barPercent}%`,
              height: '100%',
              borderRadius: 2,
              background: TONE_STROKES[tone],
            }}
          />
        </div>
      ) : null}
      <EscalationBadge level={escalationLevel} />
    </Flex>
  );
});

/**
 * A running clock at a glance: "剩 12分钟" in blue, orange from the warning point (即将超时), red once
 * due ("超时 1小时5分"); "已暂停" on hold; nothing when no clock runs. The exact deadline on hover.
 */
export function Countdown({ escalationLevel = 0, bar = false, testId = 'countdown', ...input }: Props) {
  const t = useT();
  const state = countdownState(input, useTickingNow());
  if (state.kind === 'none') return <EscalationBadge level={escalationLevel} />;
  const text = countdownText(state, t);
  if (state.kind === 'paused')
    return (
      <CountdownView
        tone="paused"
        text={text}
        tip={t('sla.pausedHelp')}
        barPercent={null}
        escalationLevel={escalationLevel}
        testId={testId}
      />
    );
  return (
    <CountdownView
      tone={state.tone}
      text={text}
      tip={`${t(`sla.tone.${state.tone}`)} · ${t('sla.dueAt', { time: formatDateTime(input.dueAt).slice(5, 16) })}`}
      // Past due nothing is left to show as a bar: the red tag says it.
      barPercent={
        bar && state.left !== null && state.tone !== 'overdue' ? Math.round(state.left * 100) : null
      }
      escalationLevel={escalationLevel}
      testId={testId}
    />
  );
}
