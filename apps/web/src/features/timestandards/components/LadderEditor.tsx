import { Button, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { LADDER_TARGETS } from '@steward/contracts/catalogues';
import { useT } from '../../../app/i18n/I18nProvider.tsx';

/** The contracts' limit on rungs. */
const MAX_STEPS = 5;

export interface LadderRow {
  afterMinutes: number | null;
  notify: string[];
}

interface Props {
  /** handler, receiver and the organisation's roles, labelled; without roles (no right to read them) codes are typed. */
  options: { value: string; label: string }[];
  rolesKnown: boolean;
}

/** Escalation rungs: after N working minutes past the breach, notify these people. */
export function LadderEditor({ options, rolesKnown }: Props) {
  const t = useT();
  return (
    <Form.List name="ladder">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.length === 0 ? (
            <Typography.Text type="secondary">{t('tsPolicy.ladderNone')}</Typography.Text>
          ) : null}
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item
                name={[field.name, 'afterMinutes']}
                rules={[{ required: true, message: t('tsPolicy.clockRequired') }]}
                style={{ marginBottom: 0, width: 170 }}
              >
                <InputNumber<number>
                  min={0}
                  max={60 * 24 * 30}
                  precision={0}
                  prefix={<Typography.Text type="secondary">{t('tsPolicy.ladderAfter')}</Typography.Text>}
                  suffix={t('tsUnit.minute')}
                  style={{ width: '100%' }}
                  data-testid={`ladder-after-${index}`}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'notify']}
                rules={[
                  { required: true, type: 'array', min: 1, message: t('tsPolicy.ladderNotifyRequired') },
                ]}
                style={{ marginBottom: 0, flex: 1 }}
              >
                <Select
                  mode={rolesKnown ? 'multiple' : 'tags'}
                  options={options}
                  maxCount={8}
                  placeholder={rolesKnown ? t('tsPolicy.ladderNotify') : t('tsPolicy.ladderNotifyFree')}
                  optionFilterProp="label"
                  data-testid={`ladder-notify-${index}`}
                />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                title={t('common.remove')}
                onClick={() => remove(field.name)}
                data-testid={`ladder-remove-${index}`}
              />
            </Flex>
          ))}
          {fields.length < MAX_STEPS ? (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ afterMinutes: fields.length === 0 ? 0 : null, notify: [] })}
              style={{ alignSelf: 'flex-start' }}
              data-testid="ladder-add"
            >
              {t('tsPolicy.ladderAdd')}
            </Button>
          ) : null}
        </Flex>
      )}
    </Form.List>
  );
}

/** The recipients a ladder may name, handler and receiver first. */
export function ladderOptions(
  roles: { value: string; label: string }[],
  label: (target: (typeof LADDER_TARGETS)[number]) => string,
): { value: string; label: string }[] {
  return [...LADDER_TARGETS.map((target) => ({ value: target, label: label(target) })), ...roles];
}
