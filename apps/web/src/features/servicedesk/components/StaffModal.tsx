import { App, Form, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { StaffProfile } from '@steward/contracts';
import { SKILLS, type Skill } from '@steward/contracts/catalogues';
import { updateStaff } from '../../../api/servicedesk.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { flattenDuties, groupDuties, type ProjectDuties } from '../duties.ts';
import { useDepartmentList, useDeskLabels, useInvalidate } from '../hooks.ts';
import { DutiesEditor } from './DutiesEditor.tsx';

interface Values {
  departmentId?: string | null;
  skills: Skill[];
  duties: ProjectDuties[];
}

/** A person's dispatch profile: department, skills, and the buildings they look after. */
export function StaffModal({ person, onClose }: { person: StaffProfile | null; onClose: () => void }) {
  const t = useT();
  const labels = useDeskLabels();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const departments = useDepartmentList();
  const [form] = Form.useForm<Values>();

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      updateStaff(person!.userId, {
        departmentId: values.departmentId ?? null,
        skills: values.skills,
        duties: flattenDuties(values.duties),
      }),
    onSuccess: (saved) => {
      message.success(t('sdStaff.saved', { name: saved.name }));
      invalidate('staff', 'departments');
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  const choices = (departments.data ?? []).filter((d) => d.active || d.id === person?.departmentId);

  return (
    <FormModal<Values>
      open={person !== null}
      title={t('sdStaff.editTitle', { name: person?.name ?? '' })}
      okText={t('common.save')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={
        person
          ? { departmentId: person.departmentId, skills: person.skills, duties: groupDuties(person.duties) }
          : undefined
      }
      onFinish={(values) => mutation.mutate(values)}
      width={640}
      submitTestId="staff-submit"
    >
      <Form.Item name="departmentId" label={t('sdStaff.department')}>
        <Select
          allowClear
          placeholder={t('sdStaff.noDepartment')}
          loading={departments.isPending}
          options={choices.map((d) => ({ value: d.id, label: d.name }))}
          data-testid="staff-department"
        />
      </Form.Item>
      <Form.Item name="skills" label={t('sdStaff.skills')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('sdStaff.skillsPlaceholder')}
          options={SKILLS.map((s) => ({ value: s, label: labels.skill(s) }))}
          optionFilterProp="label"
          data-testid="staff-skills"
        />
      </Form.Item>
      <Form.Item
        name="duties"
        label={t('sdStaff.duties')}
        extra={<Typography.Text type="secondary">{t('sdStaff.dutiesHelp')}</Typography.Text>}
      >
        <DutiesEditor />
      </Form.Item>
    </FormModal>
  );
}
