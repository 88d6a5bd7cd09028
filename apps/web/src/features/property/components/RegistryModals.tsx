import { App, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Project, ProjectType, TreeBuilding, Unit } from '@steward/contracts';
import { queryKeys } from '../../../api/keys.ts';
import {
  createBuilding,
  createUnit,
  updateBuilding,
  updateProject,
  updateUnit,
} from '../../../api/property.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { ProjectFields } from '../../projects/components/CreateProjectModal.tsx';

/** Codes people type for buildings and units: letters, digits (or Chinese), _ and -. */
export const REGISTRY_CODE = /^[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9_\-\u4e00-\u9fa5]*$/;

function useInvalidateRegistry() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.projects.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.houses.all });
  };
}

interface ProjectValues {
  name: string;
  type: ProjectType;
  address?: string;
}

/** Edit a project's name, type and address (its code stays). */
export function ProjectModal({ project, onClose }: { project: Project | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateRegistry();
  const [form] = Form.useForm<ProjectValues>();
  const mutation = useMutation({
    mutationFn: (values: ProjectValues) =>
      updateProject(project!.id, {
        name: values.name.trim(),
        type: values.type,
        address: values.address?.trim() || null,
      }),
    onSuccess: (saved) => {
      message.success(t('common.savedName', { name: saved.name }));
      invalidate();
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal<ProjectValues>
      open={project !== null}
      title={t('project.editTitle')}
      okText={t('common.save')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={
        project ? { name: project.name, type: project.type, address: project.address ?? '' } : undefined
      }
      onFinish={(values) => mutation.mutate(values)}
      submitTestId="project-edit-submit"
    >
      <Form.Item label={t('project.code')}>
        <Input value={project?.code} disabled />
      </Form.Item>
      <ProjectFields nameTestId="project-edit-name" />
    </FormModal>
  );
}

interface NamedValues {
  code: string;
  name: string;
}

/** Add a building to a project, or rename one (its code stays). */
export function BuildingModal({
  open,
  projectId,
  building,
  onClose,
}: {
  open: boolean;
  projectId: string;
  building?: TreeBuilding;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateRegistry();
  const [form] = Form.useForm<NamedValues>();
  const mutation = useMutation({
    mutationFn: (values: NamedValues) =>
      building
        ? updateBuilding(building.id, { name: values.name.trim() })
        : createBuilding(projectId, { code: values.code.trim(), name: values.name.trim() }),
    onSuccess: (saved) => {
      message.success(t(building ? 'common.savedName' : 'building.created', { name: saved.name }));
      invalidate();
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal<NamedValues>
      open={open}
      title={building ? t('building.rename') : t('building.add')}
      okText={building ? t('common.save') : t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={building ? { code: building.code, name: building.name } : undefined}
      onFinish={(values) => mutation.mutate(values)}
      submitTestId="building-submit"
    >
      <Form.Item
        name="code"
        label={t('building.code')}
        extra={building ? undefined : t('building.codeHelp')}
        rules={
          building
            ? []
            : [
                { required: true, message: t('building.codeRequired') },
                { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, max: 32, message: t('project.codeHelp') },
              ]
        }
      >
        <Input
          disabled={Boolean(building)}
          autoComplete="off"
          spellCheck={false}
          data-testid="building-code"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('building.name')}
        rules={[{ required: true, whitespace: true, max: 100, message: t('building.nameRequired') }]}
      >
        <Input placeholder={t('building.namePlaceholder')} autoComplete="off" data-testid="building-name" />
      </Form.Item>
    </FormModal>
  );
}

/** Add a unit (stairwell) to a building, or rename one. */
export function UnitModal({
  building,
  unit,
  onClose,
  onCreated,
}: {
  building: TreeBuilding | null;
  unit?: Unit;
  onClose: () => void;
  onCreated: (unit: Unit) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateRegistry();
  const [form] = Form.useForm<NamedValues>();
  const mutation = useMutation({
    mutationFn: (values: NamedValues) =>
      unit
        ? updateUnit(unit.id, { name: values.name.trim() })
        : createUnit(building!.id, { code: values.code.trim(), name: values.name?.trim() || undefined }),
    onSuccess: (saved) => {
      message.success(t(unit ? 'common.savedName' : 'unit.created', { name: saved.name }));
      invalidate();
      if (!unit) onCreated(saved);
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal<NamedValues>
      open={building !== null}
      title={unit ? t('unit.rename') : t('unit.addTo', { name: building?.name ?? '' })}
      okText={unit ? t('common.save') : t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={unit ? { code: unit.code, name: unit.name } : undefined}
      onFinish={(values) => mutation.mutate(values)}
      submitTestId="unit-submit"
    >
      <Form.Item
        name="code"
        label={t('unit.code')}
        extra={unit ? undefined : t('unit.codeHelp')}
        rules={
          unit
            ? []
            : [
                { required: true, message: t('unit.codeRequired') },
                { pattern: REGISTRY_CODE, max: 32, message: t('registry.codeHelp') },
              ]
        }
      >
        <Input disabled={Boolean(unit)} autoComplete="off" spellCheck={false} data-testid="unit-code" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('unit.name')}
        extra={unit ? undefined : t('unit.nameHelp')}
        rules={[{ required: Boolean(unit), whitespace: true, max: 100, message: t('unit.nameRequired') }]}
      >
        <Input placeholder={t('unit.namePlaceholder')} autoComplete="off" data-testid="unit-name" />
      </Form.Item>
    </FormModal>
  );
}
