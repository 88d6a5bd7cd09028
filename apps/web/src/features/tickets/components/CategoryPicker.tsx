import { useImperativeHandle, useRef, type Ref } from 'react';
import { TreeSelect } from 'antd';
import type { RefSelectProps } from 'antd/es/select';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import type { CategoryNode } from '../intake.ts';

export interface CategoryPickerRef {
  focus: () => void;
}

interface Props {
  tree: CategoryNode[];
  /** Optional so a Form.Item can drive it. */
  value?: string | null;
  onChange?: (categoryId: string) => void;
  loading?: boolean;
  ref?: Ref<CategoryPickerRef>;
  'data-testid'?: string;
}

/**
 * The category tree, searchable by either language or code: type "漏水" and Enter picks the first
 * match. Any level can be chosen — a caller often knows only "水电".
 */
export function CategoryPicker({ tree, value, onChange, loading, ref, ...rest }: Props) {
  const t = useT();
  const select = useRef<RefSelectProps>(null);
  useImperativeHandle(ref, () => ({ focus: () => select.current?.focus() }), []);
  return (
    <TreeSelect<string, CategoryNode>
      ref={select}
      treeData={tree}
      value={value ?? undefined}
      onChange={(id) => onChange?.(id)}
      loading={loading}
      // The option list picks the first match for Enter by this property (not by a filter function).
      showSearch={{ treeNodeFilterProp: 'searchText' }}
      placeholder={t('intake.categoryPlaceholder')}
      treeNodeLabelProp="path"
      popupMatchSelectWidth={false}
      listHeight={360}
      style={{ width: '100%' }}
      data-testid={rest['data-testid'] ?? 'category-picker'}
    />
  );
}
