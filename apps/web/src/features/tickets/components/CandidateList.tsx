import { Flex, Radio, Tag, Typography } from 'antd';
import type { DispatchCandidate } from '@steward/contracts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';

interface Props {
  candidates: DispatchCandidate[];
  /** Optional so a Form.Item can drive it. */
  value?: string | null;
  onChange?: (userId: string | null) => void;
  /** Whom the rules would pick, marked so the agent can follow or overrule them. */
  suggestedId?: string | null;
  loading?: boolean;
}

/** The people who could take a record, each with what the dispatcher weighs: load, duty, building, skill. */
export function CandidateList({ candidates, value, onChange, suggestedId, loading }: Props) {
  const t = useT();
  // Least loaded first among those on duty: the order a dispatcher would look in.
  const sorted = [...candidates].sort(
    (a, b) => Number(b.onDuty) - Number(a.onDuty) || a.openLoad - b.openLoad || a.name.localeCompare(b.name),
  );
  return (
    <Radio.Group
      value={value ?? ''}
      onChange={(e) => onChange?.((e.target.value as string) || null)}
      style={{ width: '100%' }}
      data-testid="dispatch-candidates"
    >
      <Flex vertical gap={4}>
        <Radio value="">{t('dispatch.anyone')}</Radio>
        {sorted.map((c) => (
          <Radio key={c.userId} value={c.userId} data-testid={`dispatch-candidate-${c.userId}`}>
            <Flex gap={6} align="center" wrap>
              <Typography.Text strong={c.userId === suggestedId}>{c.name}</Typography.Text>
              <Typography.Text type={c.openLoad >= 5 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
                {t('dispatch.openLoad', { count: c.openLoad })}
              </Typography.Text>
              {c.onDuty ? (
                <Tag color="green" style={{ marginInlineEnd: 0 }}>
                  {t('dispatch.onDuty')}
                </Tag>
              ) : (
                <Tag style={{ marginInlineEnd: 0 }}>{t('dispatch.offDuty')}</Tag>
              )}
              {c.buildingDuty ? (
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {c.buildingDuty === 'butler' || c.buildingDuty === 'technician'
                    ? t(`buildingDuty.${c.buildingDuty}`)
                    : c.buildingDuty}
                </Tag>
              ) : null}
              {c.hasSkill ? (
                <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
                  {t('dispatch.hasSkill')}
                </Tag>
              ) : null}
              {c.userId === suggestedId ? (
                <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                  {t('dispatch.suggested')}
                </Tag>
              ) : null}
            </Flex>
          </Radio>
        ))}
        {!loading && candidates.length === 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dispatch.noCandidates')}
          </Typography.Text>
        ) : null}
      </Flex>
    </Radio.Group>
  );
}
