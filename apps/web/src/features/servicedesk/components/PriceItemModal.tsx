import { App, AutoComplete, Form, Input, TreeSelect } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Category, PriceItem } from '@steward/contracts';
import { createPriceItem, updatePriceItem } from '../../../api/servicedesk.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import type { CategoryNode } from '../categoryTree.ts';
import { useDeskLabels, useInvalidate } from '../hooks.ts';
import { fenToYuan, MAX_FEN, yuanToFen } from '../money.ts';
import { CODE_PATTERN } from './codes.ts';

export type PriceItemTarget = { mode: 'create' } | { mode: 'edit'; item: PriceItem } | null;

interface Values {
  code: string;
  name: string;
  unit: string;
  /** Yuan as typed ("12.50"); sent as integer fen. */
  price: string;
  categoryId?: string | null;
}

/** Units people price services by; any other may be typed. */
const UNITS = ['次', '个', '套', '米', '平方米', '小时', '处', '台'];

interface CategoryOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: CategoryOption[];
}

function categoryOptions(nodes: readonly CategoryNode[], name: (c: Category) => string): CategoryOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: name(n),
    disabled: !n.active,
    children: n.children ? categoryOptions(n.children, name) : undefined,
  }));
}

export function PriceItemModal({
  target,
  tree,
  onClose,
}: {
  target: PriceItemTarget;
  tree: readonly CategoryNode[];
  onClose: () => void;
}) {
  const t = useT();
  const labels = useDeskLabels();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const editing = target?.mode === 'edit' ? target.item : null;

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const body = {
        name: values.name.trim(),
        unit: values.unit.trim(),
        // Checked by the field's rule before submitting, so never null here.
        priceFen: yuanToFen(values.price)!,
        categoryId: values.categoryId ?? null,
      };
      return editing
        ? updatePriceItem(editing.id, body)
        : createPriceItem({ ...body, code: values.code.trim() });
    },
    onSuccess: (saved) => {
      message.success(t(editing ? 'common.savedName' : 'sdPrice.created', { name: saved.name }));
      invalidate('priceItems');
      onClose();
    },
    onError: (error) => applyFieldErrors(form, error),
  });

  return (
    <FormModal<Values>
      open={target !== null}
      title={editing ? t('sdPrice.editTitle') : t('sdPrice.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={
        editing
          ? {
              code: editing.code,
              name: editing.name,
              unit: editing.unit,
              price: fenToYuan(editing.priceFen),
              categoryId: editing.categoryId,
            }
          : { unit: '次' }
      }
      onFinish={(values) => mutation.mutate(values)}
      submitTestId="price-submit"
    >
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
        <Input disabled={Boolean(editing)} autoComplete="off" spellCheck={false} data-testid="price-code" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('sdPrice.name')}
        rules={[{ required: true, whitespace: true, max: 50, message: t('sdCommon.nameRequired') }]}
      >
        <Input autoComplete="off" data-testid="price-name" />
      </Form.Item>
      <Form.Item
        name="unit"
        label={t('sdPrice.unit')}
        rules={[{ required: true, whitespace: true, max: 10, message: t('sdPrice.unitRequired') }]}
      >
        <AutoComplete options={UNITS.map((u) => ({ value: u }))} data-testid="price-unit" />
      </Form.Item>
      <Form.Item
        name="price"
        label={t('sdPrice.price')}
        extra={t('sdPrice.priceHelp')}
        rules={[
          {
            validator: async (_rule, value: string | undefined) => {
              const fen = yuanToFen(value ?? '');
              if (fen === null || fen > MAX_FEN) throw new Error(t('sdPrice.priceInvalid'));
            },
          },
        ]}
      >
        <Input
          prefix="¥"
          inputMode="decimal"
          autoComplete="off"
          style={{ width: 200 }}
          data-testid="price-yuan"
        />
      </Form.Item>
      <Form.Item name="categoryId" label={t('sdPrice.category')}>
        <TreeSelect
          allowClear
          placeholder={t('sdPrice.categoryNone')}
          treeData={categoryOptions(tree, labels.categoryName)}
          showSearch={{ treeNodeFilterProp: 'title' }}
          data-testid="price-category"
        />
      </Form.Item>
    </FormModal>
  );
}
