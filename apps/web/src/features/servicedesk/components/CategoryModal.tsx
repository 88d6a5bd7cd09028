import { useMemo } from 'react';
import { App, Form, Input, InputNumber, Select, TreeSelect } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Category } from '@steward/contracts';
import { SKILLS, URGENCIES, type Skill, type Urgency } from '@steward/contracts/catalogues';
import { createCategory, updateCategory } from '../../../api/servicedesk.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { nextSortOrder, type CategoryNode } from '../categoryTree.ts';
import { useDepartmentList, useDeskLabels, useInvalidate } from '../hooks.ts';
import { CODE_PATTERN } from './codes.ts';

/** Create a category (at the top or under a parent), or edit one. */
export type CategoryTarget =
  { mode: 'create'; parent: Category | null } | { mode: 'edit'; category: Category } | null;

interface Values {
  parentId?: string | null;
  code: string;
  name: string;
  nameEn?: string;
  departmentId?: string | null;
  skill?: Skill | null;
  defaultUrgency: Urgency;
  sortOrder: number;
}

interface ParentOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: ParentOption[];
}

/** The tree as parent choices; a category and its subtree cannot be its own parent. */
function parentOptions(
  nodes: readonly CategoryNode[],
  name: (c: Category) => string,
  excluded: string | undefined,
  underExcluded = false,
): ParentOption[] {
  return nodes.map((n) => {
    const disabled = underExcluded || n.id === excluded;
    return {
      value: n.id,
      title: name(n),
      disabled,
      children: n.children ? parentOptions(n.children, name, excluded, disabled) : undefined,
    };
  });
}

interface Props {
  target: CategoryTarget;
  tree: readonly CategoryNode[];
  categories: readonly Category[];
  onClose: () => void;
}

export function CategoryModal({ target, tree, categories, onClose }: Props) {
  const t = useT();
  const labels = useDeskLabels();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const departments = useDepartmentList();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit' ? target.category : null;

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const common = {
        name: values.name.trim(),
        nameEn: values.nameEn?.trim() || null,
        departmentId: values.departmentId ?? null,
        skill: values.skill ?? null,
        defaultUrgency: values.defaultUrgency,
        sortOrder: values.sortOrder,
      };
      const parentId = values.parentId ?? null;
      if (editing) {
        return updateCategory(editing.id, {
          ...common,
          ...(parentId !== editing.parentId ? { parentId } : {}),
        });
      }
      return createCategory({ ...common, parentId, code: values.code.trim() });
    },
    onSuccess: (saved) => {
      message.success(t(editing ? 'common.savedName' : 'sdCategory.created', { name: saved.name }));
      invalidate('categories');
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  const initialValues = useMemo<Partial<Values> | undefined>(() => {
    if (!target) return undefined;
    if (target.mode === 'edit') {
      const c = target.category;
      return {
        parentId: c.parentId,
        code: c.code,
        name: c.name,
        nameEn: c.nameEn ?? '',
        departmentId: c.departmentId,
        skill: c.skill,
        defaultUrgency: c.defaultUrgency,
        sortOrder: c.sortOrder,
      };
    }
    const parentId = target.parent?.id ?? null;
    return {
      parentId,
      // A child starts like its parent: same trade and urgency; the department is inherited.
      skill: target.parent?.skill ?? null,
      defaultUrgency: target.parent?.defaultUrgency ?? 'general',
      sortOrder: nextSortOrder(categories.filter((c) => c.parentId === parentId)),
    };
  }, [target, categories]);

  const activeDepartments = (departments.data ?? []).filter(
    (d) => d.active || d.id === editing?.departmentId,
  );
  let title = t('sdCategory.createTitle');
  if (editing) title = t('sdCategory.editTitle');
  else if (target?.mode === 'create' && target.parent)
    title = t('sdCategory.addChildTitle', { name: labels.categoryName(target.parent) });

  return (
    <FormModal<Values>
      open={target !== null}
      title={title}
      okText={editing ? t('common.save') : t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={initialValues}
      onFinish={(values) => mutation.mutate(values)}
      width={560}
      submitTestId="category-submit"
    >
      <Form.Item name="parentId" label={t('sdCategory.parent')}>
        <TreeSelect
          allowClear
          placeholder={t('sdCategory.topLevel')}
          treeData={parentOptions(tree, labels.categoryName, editing?.id)}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: 'title' }}
          data-testid="category-parent"
        />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('sdCommon.code')}
        extra={editing ? t('sdCommon.codeFixed') : t('sdCommon.codeHelp')}
        rules={
          editing
            ? []
            : [
                { required: true, message: t('sdCommon.codeRequired') },
                { pattern: CODE_PATTERN, max: 32, message: t('sdCommon.codeHelp') },
              ]
        }
      >
        <Input
          disabled={Boolean(editing)}
          autoComplete="off"
          spellCheck={false}
          data-testid="category-code"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('sdCategory.name')}
        rules={[{ required: true, whitespace: true, max: 50, message: t('sdCommon.nameRequired') }]}
      >
        <Input autoComplete="off" data-testid="category-name" />
      </Form.Item>
      <Form.Item
        name="nameEn"
        label={t('sdCategory.nameEn')}
        extra={t('sdCategory.nameEnHelp')}
        rules={[{ max: 50 }]}
      >
        <Input autoComplete="off" data-testid="category-name-en" />
      </Form.Item>
      <Form.Item name="departmentId" label={t('sdCategory.department')}>
        <Select
          allowClear
          placeholder={t('sdCategory.departmentInherit')}
          loading={departments.isPending}
          options={activeDepartments.map((d) => ({ value: d.id, label: d.name }))}
          data-testid="category-department"
        />
      </Form.Item>
      <Form.Item name="skill" label={t('sdCategory.skill')}>
        <Select
          allowClear
          placeholder={t('sdCategory.skillNone')}
          options={SKILLS.map((s) => ({ value: s, label: labels.skill(s) }))}
          data-testid="category-skill"
        />
      </Form.Item>
      <Form.Item
        name="defaultUrgency"
        label={t('sdCategory.urgency')}
        extra={t('sdCategory.urgencyHelp')}
        rules={[{ required: true }]}
      >
        <Select
          options={URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) }))}
          data-testid="category-urgency"
        />
      </Form.Item>
      <Form.Item
        name="sortOrder"
        label={t('sdCategory.sortOrder')}
        extra={t('sdCategory.sortOrderHelp')}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={10_000} precision={0} style={{ width: 160 }} data-testid="category-sort" />
      </Form.Item>
    </FormModal>
  );
}
