import { Flex, Radio, Select, Typography } from 'antd';
import { BranchesOutlined } from '@ant-design/icons';
import type { Department, DispatchSuggestion } from '@steward/contracts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { CandidateList } from '../components/CandidateList.tsx';
import type { DispatchMode } from '../intake.ts';
import { useTicketLabels } from '../labels.ts';

interface Props {
  value: DispatchMode;
  onChange: (value: DispatchMode) => void;
  suggestion: DispatchSuggestion | undefined;
  loading: boolean;
  departments: Department[];
  /** Without a category the rules have nothing to go on yet. */
  categoryChosen: boolean;
}

/** The rules' choice shown in words: "工程部 · 张强（按楼栋责任人）". */
export function SuggestionText({ suggestion }: { suggestion: DispatchSuggestion }) {
  const t = useT();
  const labels = useTicketLabels();
  const person = suggestion.candidates.find((c) => c.userId === suggestion.assigneeId)?.name;
  if (!suggestion.departmentName) return <>{t('dispatch.ruleNone')}</>;
  return (
    <>
      {[suggestion.departmentName, person].filter(Boolean).join(' · ')}
      <Typography.Text type="secondary">
        {t('dispatch.basisNote', { basis: labels.dispatchBasis(suggestion.basis) })}
      </Typography.Text>
    </>
  );
}

/** Dispatch at intake: the rules by default, a department and person by hand, or left to the dispatcher. */
export function DispatchField({ value, onChange, suggestion, loading, departments, categoryChosen }: Props) {
  const t = useT();
  const manual = value.mode === 'manual' ? value : null;
  return (
    <Flex vertical gap={8}>
      <Radio.Group
        optionType="button"
        value={value.mode}
        onChange={(e) => {
          const mode = e.target.value as DispatchMode['mode'];
          if (mode === 'manual')
            onChange({ mode, departmentId: suggestion?.departmentId ?? null, assigneeId: null });
          else onChange({ mode });
        }}
        options={[
          { value: 'auto', label: t('intake.dispatch.auto') },
          { value: 'manual', label: t('intake.dispatch.manual') },
          { value: 'none', label: t('intake.dispatch.none') },
        ]}
        data-testid="intake-dispatch-mode"
      />
      {value.mode === 'auto' ? (
        <Typography.Text type="secondary" data-testid="intake-dispatch-preview">
          <BranchesOutlined />{' '}
          {!categoryChosen ? (
            t('intake.dispatch.needCategory')
          ) : suggestion ? (
            <>
              {t('intake.dispatch.preview')} <SuggestionText suggestion={suggestion} />
            </>
          ) : loading ? (
            '…'
          ) : (
            t('dispatch.ruleNone')
          )}
        </Typography.Text>
      ) : null}
      {value.mode === 'none' ? (
        <Typography.Text type="secondary">{t('intake.dispatch.noneHelp')}</Typography.Text>
      ) : null}
      {manual ? (
        <Flex vertical gap={8}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('dispatch.departmentPlaceholder')}
            value={manual.departmentId ?? undefined}
            onChange={(departmentId: string) => onChange({ mode: 'manual', departmentId, assigneeId: null })}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
            style={{ width: 240 }}
            data-testid="intake-dispatch-department"
          />
          {manual.departmentId ? (
            <CandidateList
              candidates={(suggestion?.candidates ?? []).filter(
                (c) => c.departmentId === manual.departmentId,
              )}
              value={manual.assigneeId}
              suggestedId={suggestion?.assigneeId}
              loading={loading}
              onChange={(assigneeId) => onChange({ ...manual, assigneeId })}
            />
          ) : null}
        </Flex>
      ) : null}
    </Flex>
  );
}
