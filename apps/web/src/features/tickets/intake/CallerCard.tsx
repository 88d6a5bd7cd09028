import type { KeyboardEvent, ReactNode, Ref } from 'react';
import { Button, Card, Flex, Input, Spin, Tag, Typography, type InputRef } from 'antd';
import { PhoneOutlined, SearchOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { VALUE_LEVEL_COLORS } from '../../../app/codeColors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import {
  CallerResults,
  type CallerHit,
  type IntakeCustomer,
  type IntakeHouse,
  type Occupant,
} from './CallerResults.tsx';

/** The caller once chosen: a customer of the archive (phones masked) or nobody yet. */
export interface PickedCaller {
  customerId: string;
  name: string;
  phones: string[];
  hints: string[];
  valueLevel: string | null;
}

interface Props {
  inputRef: Ref<InputRef>;
  text: string;
  onText: (text: string) => void;
  onSearchKey: (event: KeyboardEvent<HTMLInputElement>) => void;
  searching: boolean;
  /** The lookup has answered the text as it stands. */
  answered: boolean;
  hits: CallerHit[];
  highlight: number;
  onHighlight: (index: number) => void;
  onPickCustomer: (customer: IntakeCustomer) => void;
  onPickHouse: (house: IntakeHouse, occupant: Occupant | null) => void;
  picked: PickedCaller | null;
  /** A house found by its room label, whose occupants the agent can still pick from. */
  lookedUpHouse: IntakeHouse | null;
  onChange: () => void;
  reporterName: string;
  reporterPhone: string;
  onReporter: (fields: { reporterName?: string; reporterPhone?: string }) => void;
  /** Shown in the card's header (the channel the caller came by). */
  extra?: ReactNode;
}

/** Who is calling: one search box (phone, phone tail, room label or name), then the person picked. */
export function CallerCard(props: Props) {
  const t = useT();
  const labels = useLabels();
  const { picked, lookedUpHouse } = props;

  const anonymousFields = (
    <Flex gap={8} wrap align="center">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('intake.anonymous')}
      </Typography.Text>
      <Input
        prefix={<UserOutlined style={{ color: '#bfbfbf' }} />}
        placeholder={t('intake.callerName')}
        value={props.reporterName}
        maxLength={50}
        onChange={(e) => props.onReporter({ reporterName: e.target.value })}
        style={{ width: 160 }}
        data-testid="intake-reporter-name"
      />
      <Input
        prefix={<PhoneOutlined style={{ color: '#bfbfbf' }} />}
        placeholder={t('intake.callerPhone')}
        value={props.reporterPhone}
        maxLength={40}
        onChange={(e) => props.onReporter({ reporterPhone: e.target.value })}
        style={{ width: 180 }}
        data-testid="intake-reporter-phone"
      />
    </Flex>
  );

  if (picked) {
    return (
      <Card size="small" title={t('intake.caller')} extra={props.extra} data-testid="intake-caller">
        <Flex justify="space-between" align="flex-start" gap={12}>
          <Flex vertical gap={4}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="intake-caller-name">
                {picked.name}
              </Typography.Text>
              {picked.valueLevel === 'important' ? (
                <Tag color={VALUE_LEVEL_COLORS.important} style={{ marginInlineEnd: 0 }}>
                  {labels.valueLevel('important')}
                </Tag>
              ) : null}
              <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {picked.phones.join(' / ')}
              </Typography.Text>
              <a href={`/customers/${picked.customerId}`} target="_blank" rel="noreferrer">
                {t('intake.open360')}
              </a>
            </Flex>
            {picked.hints.map((hint) => (
              <Typography.Text key={hint} type="warning" style={{ fontSize: 12 }}>
                {labels.hint(hint)}
              </Typography.Text>
            ))}
          </Flex>
          <Button icon={<SwapOutlined />} onClick={props.onChange} data-testid="intake-caller-change">
            {t('intake.change')}
          </Button>
        </Flex>
      </Card>
    );
  }

  if (lookedUpHouse) {
    return (
      <Card size="small" title={t('intake.caller')} extra={props.extra} data-testid="intake-caller">
        <Flex justify="space-between" align="flex-start" gap={12}>
          <Flex vertical gap={8}>
            <Typography.Text>
              {t('intake.callerFromHouse', { room: lookedUpHouse.roomLabel })}
            </Typography.Text>
            {lookedUpHouse.occupants.length ? (
              <Flex gap={6} wrap>
                {lookedUpHouse.occupants.map((o) => (
                  <Button
                    key={o.customerId}
                    size="small"
                    onClick={() => props.onPickHouse(lookedUpHouse, o)}
                    data-testid={`intake-occupant-${o.customerId}`}
                  >
                    {o.name}
                  </Button>
                ))}
              </Flex>
            ) : null}
            {anonymousFields}
          </Flex>
          <Button icon={<SwapOutlined />} onClick={props.onChange} data-testid="intake-caller-change">
            {t('intake.change')}
          </Button>
        </Flex>
      </Card>
    );
  }

  const noMatch = props.answered && props.text.trim().length > 0 && props.hits.length === 0;
  return (
    <Card size="small" title={t('intake.caller')} extra={props.extra} data-testid="intake-caller">
      <Flex vertical gap={8}>
        <Input
          ref={props.inputRef}
          autoFocus
          allowClear
          size="large"
          prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
          suffix={props.searching ? <Spin size="small" /> : null}
          placeholder={t('intake.searchPlaceholder')}
          value={props.text}
          onChange={(e) => props.onText(e.target.value)}
          onKeyDown={props.onSearchKey}
          data-testid="intake-search"
        />
        {props.hits.length > 0 ? (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('intake.searchHelp')}
            </Typography.Text>
            <div style={{ maxHeight: 320, overflow: 'auto' }}>
              <CallerResults
                hits={props.hits}
                highlight={props.highlight}
                onHighlight={props.onHighlight}
                onPickCustomer={props.onPickCustomer}
                onPickHouse={props.onPickHouse}
              />
            </div>
          </>
        ) : null}
        {noMatch ? (
          <Typography.Text type="secondary" data-testid="intake-no-match">
            {t('intake.noMatch', { q: props.text.trim() })}
          </Typography.Text>
        ) : null}
        {anonymousFields}
      </Flex>
    </Card>
  );
}
