import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { HOUSE_STATES, HOUSE_USES, type HouseState, type HouseUse } from '@steward/contracts/catalogues';
import type { House, Project, ProjectTree } from '@steward/contracts';
import { queryKeys } from '../../../api/keys.ts';
import { createHouse, updateHouse } from '../../../api/property.ts';
import { FormModal } from '../../../app/components/FormModal.tsx';
import { applyFieldErrors, errorText, isApiError } from '../../../app/errors.ts';
import { useT } from '../../../app/i18n/I18nProvider.tsx';
import { useLabels } from '../../../app/i18n/labels.ts';
import type { PropertyNode } from '../tree.ts';
import { REGISTRY_CODE } from './RegistryModals.tsx';

interface HouseValues {
  buildingId: string;
  unitId?: string | null;
  roomNo: string;
  floor?: number | null;
  area?: number | null;
  use: HouseUse;
  state: HouseState;
}

interface Props {
  /** A house to edit, 'new' to add one under the chosen node, null when closed. */
  target: House | 'new' | null;
  node: PropertyNode;
  project: Project;
  tree: ProjectTree | undefined;
  onClose: () => void;
}

/** Guess the floor from a room number people type: 1502 → 15, 302 → 3. */
function floorFromRoom(roomNo: string): number | undefined {
  const digits = /^(\d{3,4})$/.exec(roomNo.trim());
  if (!digits) return undefined;
  const floor = Math.floor(Number(digits[1]) / 100);
  return floor > 0 ? floor : undefined;
}

/** Add a house under a building (and unit), or change a house's floor, area, use and state. */
export function HouseModal({ target, node, project, tree, onClose }: Props) {
  const t = useT();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HouseValues>();
  const editing = target !== null && target !== 'new' ? target : undefined;
  const buildingId = Form.useWatch('buildingId', form);
  const building = tree?.buildings.find((b) => b.id === buildingId);

  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.houses.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.projects.tree(project.id) });
  };

  const mutation = useMutation({
    mutationFn: (values: HouseValues) => {
      const common = {
        floor: values.floor ?? null,
        area: values.area ?? null,
        use: values.use,
        state: values.state,
      };
      if (editing) return updateHouse(editing.id, { version: editing.version, ...common });
      return createHouse({
        buildingId: values.buildingId,
        unitId: values.unitId ?? null,
        roomNo: values.roomNo.trim(),
        ...common,
      });
    },
    onSuccess: (saved) => {
      message.success(t(editing ? 'house.saved' : 'house.created', { label: saved.roomLabel }));
      invalidate();
      onClose();
    },
    onError: (error) => {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        // Someone saved the house since it was listed: show theirs, ask to edit again.
        message.warning(`${errorText(error, t)} ${t('common.conflictReloaded')}`);
        invalidate();
        onClose();
        return;
      }
      applyFieldErrors(form, error);
    },
  });

  const ref = node.ref;
  const initialValues: Partial<HouseValues> = editing
    ? {
        buildingId: editing.buildingId,
        unitId: editing.unitId,
        roomNo: editing.roomNo,
        floor: editing.floor,
        area: editing.area,
        use: editing.use,
        state: editing.state,
      }
    : {
        buildingId: ref.kind === 'project' ? tree?.buildings[0]?.id : ref.buildingId,
        unitId: ref.kind === 'unit' ? ref.unitId : null,
        use: 'residence',
        state: 'delivered',
      };

  return (
    <FormModal<HouseValues>
      open={target !== null}
      title={editing ? t('house.editTitle', { label: editing.roomLabel }) : t('house.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      onClose={onClose}
      form={form}
      mutation={mutation}
      initialValues={initialValues}
      onFinish={(values) => mutation.mutate(values)}
      width={560}
      submitTestId="house-submit"
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="buildingId" label={t('house.building')} rules={[{ required: true }]}>
            <Select
              disabled={Boolean(editing)}
              options={(tree?.buildings ?? []).map((b) => ({ value: b.id, label: b.name }))}
              onChange={() => form.setFieldValue('unitId', null)}
              data-testid="house-building"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="unitId" label={t('house.unit')}>
            <Select
              allowClear
              disabled={Boolean(editing) || !building || building.units.length === 0}
              placeholder={t('house.noUnit')}
              options={(building?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
              data-testid="house-unit"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="roomNo"
            label={t('house.roomNo')}
            extra={editing ? undefined : t('house.roomNoHelp')}
            rules={
              editing
                ? []
                : [
                    { required: true, message: t('house.roomNoRequired') },
                    { pattern: REGISTRY_CODE, max: 32, message: t('registry.codeHelp') },
                  ]
            }
          >
            <Input
              disabled={Boolean(editing)}
              autoComplete="off"
              spellCheck={false}
              onBlur={(e) => {
                const floor = floorFromRoom(e.target.value);
                if (!editing && floor !== undefined && form.getFieldValue('floor') == null)
                  form.setFieldValue('floor', floor);
              }}
              data-testid="house-room"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="floor" label={t('house.floor')}>
            <InputNumber
              min={-10}
              max={200}
              precision={0}
              style={{ width: '100%' }}
              data-testid="house-floor"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="area" label={t('house.areaLabel')}>
            <InputNumber
              min={0}
              max={1_000_000}
              precision={2}
              step={0.01}
              suffix="m²"
              style={{ width: '100%' }}
              data-testid="house-area"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="use" label={t('house.use')} rules={[{ required: true }]}>
            <Select options={HOUSE_USES.map((u) => ({ value: u, label: labels.houseUse(u) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="state" label={t('house.state')} rules={[{ required: true }]}>
            <Select
              options={HOUSE_STATES.map((s) => ({ value: s, label: labels.houseState(s) }))}
              data-testid="house-state"
            />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
