import { App, Form, Input, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateProjectBody, Project } from '@steward/contracts';
import { queryKeys } from '../../../api/keys.ts';
import { createProject } from '../../../api/property.ts';
import { applyFieldErrors } from '../../../app/errors.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { PROJECT_TYPES, useLabels } from '../../../app/i18n/labels.ts';

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated?: (project: Project) => void;
}

export function CreateProjectModal({ open, onClose, onCreated }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateProjectBody>();
  const mutation = useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      message.success(t('project.created', { name: project.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.projects.all });
      onCreated?.(project);
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal
      open={open}
      title={t('project.createTitle')}
      okText={t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={{ type: 'residential' }}
      onFinish={(values) =>
        mutation.mutate({
          code: values.code.trim(),
          name: values.name.trim(),
          type: values.type,
          address: values.address?.trim() || null,
        })
      }
      submitTestId="project-create-submit"
    >
      <Form.Item
        name="code"
        label={t('project.code')}
        extra={t('project.codeHelp')}
        rules={[
          { required: true, message: t('project.codeRequired') },
          { pattern: CODE_PATTERN, max: 32, message: t('project.codeHelp') },
        ]}
      >
        <Input autoComplete="off" spellCheck={false} data-testid="project-code" />
      </Form.Item>
      <ProjectFields nameTestId="project-name" />
    </FormModal>
  );
}

/** A project's name, type and address: the same fields when it is created and when it is edited. */
export function ProjectFields({ nameTestId }: { nameTestId: string }) {
  const t = useT();
  const labels = useLabels();
  return (
    <>
      <Form.Item
        name="name"
        label={t('project.name')}
        rules={[{ required: true, whitespace: true, max: 100, message: t('project.nameRequired') }]}
      >
        <Input autoComplete="off" data-testid={nameTestId} />
      </Form.Item>
      <Form.Item name="type" label={t('project.type')} rules={[{ required: true }]}>
        <Select options={PROJECT_TYPES.map((type) => ({ value: type, label: labels.projectType(type) }))} />
      </Form.Item>
      <Form.Item name="address" label={t('project.address')} rules={[{ max: 200 }]}>
        <Input autoComplete="off" />
      </Form.Item>
    </>
  );
}
