import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { listHouses } from '../../../api/property.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useDebounced } from '../../../app/useDebounced.ts';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  'data-testid'?: string;
}

/** Finds a house by its room label (3-2-1502) or room number, asking the server as people type. */
export function HousePicker({ value, onChange, ...rest }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const houses = useQuery({
    queryKey: ['houses', 'picker', q],
    queryFn: () => listHouses({ q: q || undefined, limit: 20 }),
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
  });
  // Remember labels of chosen houses, so the choice keeps its name when the search moves on.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const options = (houses.data?.items ?? []).map((h) => ({
    value: h.id,
    label: `${h.roomLabel} · ${h.projectName}`,
  }));
  if (value && !options.some((o) => o.value === value) && chosen[value])
    options.unshift({ value, label: chosen[value] });

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(id: string, option) => {
        if (option && !Array.isArray(option)) setChosen((c) => ({ ...c, [id]: String(option.label) }));
        onChange?.(id);
      }}
      placeholder={t('customer.housePlaceholder')}
      notFoundContent={q ? t('customer.houseNotFound') : t('customer.houseTypeToSearch')}
      loading={houses.isFetching}
      options={options}
      data-testid={rest['data-testid']}
    />
  );
}
