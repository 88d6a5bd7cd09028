import { useState } from 'react';
import { App, Select, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createTag } from '../../../api/customers.ts';
import { queryKeys } from '../../../api/keys.ts';
import { errorText } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useTags } from '../hooks.ts';

const NEW = 'new:';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Offer "new tag “…”" when the typed name matches none. */
  canCreate: boolean;
  'data-testid'?: string;
}

/** Picks customer tags by name; managers can add a new tag by typing its name. */
export function TagPicker({ value = [], onChange, canCreate, ...rest }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tags = useTags();
  const [search, setSearch] = useState('');
  const create = useMutation({
    mutationFn: (name: string) => createTag({ name }),
    onSuccess: (tag) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tags });
      queryClient.setQueryData(queryKeys.tags, (old: typeof tags.data) => (old ? [...old, tag] : [tag]));
      onChange?.([...value.filter((v) => !v.startsWith(NEW)), tag.id]);
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  const typed = search.trim();
  const options = (tags.data ?? []).map((tag) => ({
    value: tag.id,
    label: tag.name,
    color: tag.color,
  }));
  if (canCreate && typed && typed.length <= 20 && !options.some((o) => o.label === typed))
    options.push({ value: `${NEW}${typed}`, label: t('tag.createNamed', { name: typed }), color: '' });

  return (
    <Select
      mode="multiple"
      value={value}
      showSearch={{ searchValue: search, onSearch: setSearch, optionFilterProp: 'label' }}
      onChange={(next: string[]) => {
        const added = next.find((v) => v.startsWith(NEW));
        setSearch('');
        if (added) create.mutate(added.slice(NEW.length));
        else onChange?.(next);
      }}
      loading={tags.isFetching || create.isPending}
      placeholder={t('tag.placeholder')}
      options={options}
      tagRender={({ value: id, closable, onClose }) => {
        const tag = tags.byId.get(String(id));
        return (
          <Tag color={tag?.color} closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }}>
            {tag?.name ?? '…'}
          </Tag>
        );
      }}
      data-testid={rest['data-testid']}
    />
  );
}
