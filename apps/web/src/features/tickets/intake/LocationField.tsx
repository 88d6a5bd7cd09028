import { useState } from 'react';
import { Flex, Radio, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Area, Project } from '@steward/contracts';
import { queryKeys } from '../../../api/keys.ts';
import { listAreas, listHouses } from '../../../api/property.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import { useDebounced } from '../../../app/useDebounced.ts';
import type { LocationMode } from '../intake.ts';

/** A house as the intake form knows it: enough to show, read back and look up dispatch. */
export interface HouseChoice {
  id: string;
  projectId: string;
  projectName: string;
  roomLabel: string;
}

/** Any house of the caller's scope, found by its room label as the agent types. */
function HouseSearch({ value, onPick }: { value: HouseChoice | null; onPick: (house: HouseChoice) => void }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const houses = useQuery({
    queryKey: ['houses', 'picker', q],
    queryFn: () => listHouses({ q, limit: 20 }),
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
  });
  const found: HouseChoice[] = (houses.data?.items ?? []).map((h) => ({
    id: h.id,
    projectId: h.projectId,
    projectName: h.projectName,
    roomLabel: h.roomLabel,
  }));
  const options = [...(value && !found.some((h) => h.id === value.id) ? [value] : []), ...found];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value?.id}
      onChange={(id: string) => {
        const house = options.find((h) => h.id === id);
        if (house) onPick(house);
      }}
      placeholder={t('customer.housePlaceholder')}
      notFoundContent={q ? t('customer.houseNotFound') : t('customer.houseTypeToSearch')}
      loading={houses.isFetching}
      options={options.map((h) => ({ value: h.id, label: `${h.roomLabel} · ${h.projectName}` }))}
      style={{ width: 320 }}
      data-testid="intake-house-search"
    />
  );
}

interface Props {
  mode: LocationMode;
  onModeChange: (mode: LocationMode) => void;
  /** The caller's own houses (or the house that was looked up): one click each. */
  choices: HouseChoice[];
  house: HouseChoice | null;
  onHouse: (house: HouseChoice) => void;
  projects: Project[];
  projectId: string | null;
  onProject: (projectId: string) => void;
  area: Area | null;
  onArea: (area: Area) => void;
}

/** Where the need is: in a house (户内), a public area or facility, or the project as a whole. */
export function LocationField(props: Props) {
  const { mode, onModeChange, choices, house, onHouse, projects, projectId, onProject, area, onArea } = props;
  const t = useT();
  const labels = useLabels();
  const areas = useQuery({
    queryKey: queryKeys.areas.list({ projectId: projectId ?? '' }),
    queryFn: () => listAreas({ projectId: projectId!, limit: 200 }),
    enabled: mode === 'area' && Boolean(projectId),
  });
  const projectPicker =
    projects.length > 1 || !projectId ? (
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('intake.projectPlaceholder')}
        value={projectId ?? undefined}
        onChange={onProject}
        options={projects.map((p) => ({ value: p.id, label: p.name }))}
        style={{ width: 200 }}
        data-testid="intake-project"
      />
    ) : null;
  return (
    <Flex vertical gap={8}>
      <Radio.Group
        optionType="button"
        size="small"
        value={mode}
        onChange={(e) => onModeChange(e.target.value as LocationMode)}
        options={[
          { value: 'house', label: t('intake.location.house') },
          { value: 'area', label: t('intake.location.area') },
          { value: 'project', label: t('intake.location.project') },
        ]}
        data-testid="intake-location-mode"
      />
      {mode === 'house' ? (
        <Flex gap={8} wrap align="center">
          {choices.length > 0 ? (
            <Radio.Group
              value={choices.some((c) => c.id === house?.id) ? house?.id : undefined}
              onChange={(e) => {
                const picked = choices.find((c) => c.id === e.target.value);
                if (picked) onHouse(picked);
              }}
              options={choices.map((c) => ({
                value: c.id,
                label: projects.length > 1 ? `${c.roomLabel} · ${c.projectName}` : c.roomLabel,
              }))}
              data-testid="intake-house-choices"
            />
          ) : null}
          <HouseSearch value={choices.some((c) => c.id === house?.id) ? null : house} onPick={onHouse} />
        </Flex>
      ) : null}
      {mode === 'area' ? (
        <Flex gap={8} wrap>
          {projectPicker}
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('intake.areaPlaceholder')}
            disabled={!projectId}
            loading={areas.isFetching}
            value={area?.id}
            onChange={(id: string) => {
              const picked = areas.data?.items.find((a) => a.id === id);
              if (picked) onArea(picked);
            }}
            options={(areas.data?.items ?? []).map((a) => ({
              value: a.id,
              label: `${a.name} · ${labels.areaCategory(a.category)}`,
            }))}
            style={{ width: 280 }}
            data-testid="intake-area"
          />
        </Flex>
      ) : null}
      {mode === 'project' ? projectPicker : null}
    </Flex>
  );
}
