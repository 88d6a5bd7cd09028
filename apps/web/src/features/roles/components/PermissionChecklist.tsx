import { Checkbox, Flex, Typography } from 'antd';
import { PERMISSIONS } from '@steward/contracts/catalogues';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { PERMISSION_GROUPS, useLabels } from '../../../app/i18n/labels.ts';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}

/** Permissions as checkboxes, grouped as the catalogue groups them; usable as a form control. */
export function PermissionChecklist({ value = [], onChange, disabled = false }: Props) {
  const t = useT();
  const labels = useLabels();
  const selected = new Set(value);

  const toggleGroup = (codes: string[], on: boolean) => {
    const next = new Set(selected);
    for (const code of codes) {
      if (on) next.add(code);
      else next.delete(code);
    }
    onChange?.(PERMISSIONS.map((p) => p.code).filter((code) => next.has(code)));
  };

  return (
    <Flex vertical gap={12}>
      {PERMISSION_GROUPS.map((group) => {
        const codes = PERMISSIONS.filter((p) => p.group === group).map((p) => p.code as string);
        const count = codes.filter((code) => selected.has(code)).length;
        return (
          <div key={group} style={{ border: '1px solid #eef0f3', borderRadius: 8, padding: '10px 14px' }}>
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <Checkbox
                checked={count === codes.length}
                indeterminate={count > 0 && count < codes.length}
                disabled={disabled}
                onChange={(e) => toggleGroup(codes, e.target.checked)}
              >
                <Typography.Text strong>{labels.permissionGroup(group)}</Typography.Text>
              </Checkbox>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('role.groupCount', { count, total: codes.length })}
              </Typography.Text>
            </Flex>
            <Flex vertical gap={6} style={{ paddingInlineStart: 24 }}>
              {codes.map((code) => (
                <Checkbox
                  key={code}
                  checked={selected.has(code)}
                  disabled={disabled}
                  onChange={(e) => toggleGroup([code], e.target.checked)}
                  data-testid={`perm-${code}`}
                >
                  {labels.permission(code)}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {code}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}
