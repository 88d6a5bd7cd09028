import { Flex, Tag, Typography } from 'antd';
import { HomeOutlined, UserOutlined } from '@ant-design/icons';
import { RELATION_ROLES, type RelationRole } from '@steward/contracts/catalogues';
import type { IntakeLookup } from '@steward/contracts';
import { RELATION_ROLE_COLORS, VALUE_LEVEL_COLORS } from '../../../app/codeColors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';

export type IntakeCustomer = IntakeLookup['customers'][number];
export type IntakeHouse = IntakeLookup['houses'][number];
export type Occupant = IntakeHouse['occupants'][number];

/** One row of the result list: the keyboard moves over customers first, then houses. */
export type CallerHit =
  { kind: 'customer'; customer: IntakeCustomer } | { kind: 'house'; house: IntakeHouse };

export function callerHits(lookup: IntakeLookup | undefined): CallerHit[] {
  if (!lookup) return [];
  return [
    ...lookup.customers.map((customer) => ({ kind: 'customer' as const, customer })),
    ...lookup.houses.map((house) => ({ kind: 'house' as const, house })),
  ];
}

function isRole(role: string): role is RelationRole {
  return (RELATION_ROLES as readonly string[]).includes(role);
}

export function RoleTag({ role }: { role: string }) {
  const labels = useLabels();
  if (!isRole(role)) return <Tag style={{ marginInlineEnd: 0 }}>{role}</Tag>;
  return (
    <Tag color={RELATION_ROLE_COLORS[role]} style={{ marginInlineEnd: 0 }}>
      {labels.relationRole(role)}
    </Tag>
  );
}

const rowStyle = (active: boolean) => ({
  padding: '8px 10px',
  borderRadius: 6,
  cursor: 'pointer',
  background: active ? '#eef4ff' : undefined,
  border: `1px solid ${active ? '#b2ccff' : 'transparent'}`,
});

interface Props {
  hits: CallerHit[];
  highlight: number;
  onHighlight: (index: number) => void;
  onPickCustomer: (customer: IntakeCustomer) => void;
  onPickHouse: (house: IntakeHouse, occupant: Occupant | null) => void;
}

/** Who the caller may be: matching customers (masked phones, houses, service hints) and houses with occupants. */
export function CallerResults({ hits, highlight, onHighlight, onPickCustomer, onPickHouse }: Props) {
  const t = useT();
  const labels = useLabels();
  const customers = hits.filter((h) => h.kind === 'customer').length;
  return (
    <Flex vertical gap={2} data-testid="intake-results" role="listbox">
      {hits.map((hit, index) => {
        const active = index === highlight;
        const heading =
          index === 0 || (index === customers && customers > 0) ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, margin: '6px 0 2px' }}>
              {hit.kind === 'customer' ? t('intake.customers') : t('intake.houses')}
            </Typography.Text>
          ) : null;
        if (hit.kind === 'customer') {
          const c = hit.customer;
          return (
            <div key={`c-${c.id}`}>
              {heading}
              <div
                role="option"
                aria-selected={active}
                style={rowStyle(active)}
                onMouseEnter={() => onHighlight(index)}
                onClick={() => onPickCustomer(c)}
                data-testid={`intake-customer-${index}`}
              >
                <Flex gap={8} align="center" wrap>
                  <UserOutlined style={{ color: '#8c8c8c' }} />
                  <Typography.Text strong>{c.name}</Typography.Text>
                  {c.valueLevel === 'important' ? (
                    <Tag color={VALUE_LEVEL_COLORS.important} style={{ marginInlineEnd: 0 }}>
                      {labels.valueLevel('important')}
                    </Tag>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {c.phones.join(' / ') || t('customer.noPhone')}
                  </Typography.Text>
                </Flex>
                {c.houses.length ? (
                  <Flex gap={10} wrap style={{ marginTop: 4, paddingInlineStart: 22 }}>
                    {c.houses.map((h) => (
                      <Flex key={h.id} gap={4} align="center">
                        <RoleTag role={h.role} />
                        <Typography.Text>
                          {h.roomLabel}
                          <Typography.Text type="secondary"> · {h.projectName}</Typography.Text>
                        </Typography.Text>
                      </Flex>
                    ))}
                  </Flex>
                ) : null}
                {c.hints.map((hint) => (
                  <Typography.Text
                    key={hint}
                    type="warning"
                    style={{ display: 'block', fontSize: 12, marginTop: 2, paddingInlineStart: 22 }}
                  >
                    {labels.hint(hint)}
                  </Typography.Text>
                ))}
              </div>
            </div>
          );
        }
        const h = hit.house;
        return (
          <div key={`h-${h.id}`}>
            {heading}
            <div
              role="option"
              aria-selected={active}
              style={rowStyle(active)}
              onMouseEnter={() => onHighlight(index)}
              onClick={() => onPickHouse(h, null)}
              data-testid={`intake-house-${index}`}
            >
              <Flex gap={8} align="center" wrap>
                <HomeOutlined style={{ color: '#8c8c8c' }} />
                <Typography.Text strong>{h.roomLabel}</Typography.Text>
                <Typography.Text type="secondary">{h.projectName}</Typography.Text>
              </Flex>
              <Flex gap={6} wrap style={{ marginTop: 4, paddingInlineStart: 22 }}>
                {h.occupants.length === 0 ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('intake.noOccupants')}
                  </Typography.Text>
                ) : (
                  h.occupants.map((o) => (
                    <Tag
                      key={o.customerId}
                      style={{ cursor: 'pointer', marginInlineEnd: 0 }}
                      onClick={(event) => {
                        event.stopPropagation();
                        onPickHouse(h, o);
                      }}
                    >
                      {o.name} · {isRole(o.role) ? labels.relationRole(o.role) : o.role}
                    </Tag>
                  ))
                )}
              </Flex>
            </div>
          </div>
        );
      })}
    </Flex>
  );
}
