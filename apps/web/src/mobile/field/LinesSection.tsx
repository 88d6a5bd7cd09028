import { useMemo, useState } from 'react';
import { Button, Input, SearchBar, Stepper, TextArea } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateLineBody, PriceItem, Ticket, TicketLine } from '@steward/contracts';
import { addJobLine, fieldKeys, listPriceItems, voidJobLine } from '../../api/field.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { toastFailure, toastSuccess } from './feedback.ts';
import { formatYuan, lineAmountFen, roundQuantity } from './money.ts';
import { Sheet } from './Sheet.tsx';
import { useJobUpdated } from './useJob.ts';

type Adding = 'charge' | 'material' | null;

/** Materials used and paid-service charges (from the price list), with the total the customer pays. */
export function LinesSection({ job, editable }: { job: Ticket; editable: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const updated = useJobUpdated();
  const [adding, setAdding] = useState<Adding>(null);
  const [voiding, setVoiding] = useState<TicketLine | null>(null);
  const [reason, setReason] = useState('');

  const reload = () => queryClient.invalidateQueries({ queryKey: fieldKeys.job(job.id) });

  const add = useMutation({
    mutationFn: (body: CreateLineBody) => addJobLine(job.id, body),
    onSuccess: async () => {
      setAdding(null);
      toastSuccess(t('field.lines.added'));
      await reload();
    },
    onError: (error) => toastFailure(error, t, reload),
  });

  const voidLine = useMutation({
    mutationFn: ({ line, why }: { line: TicketLine; why: string }) =>
      voidJobLine(job.id, line.id, { reason: why }),
    onSuccess: (ticket) => {
      setVoiding(null);
      updated(ticket);
      toastSuccess(t('field.lines.voided'));
    },
    onError: (error) => toastFailure(error, t, reload),
  });

  return (
    <section className="fld-section" data-testid="job-lines">
      <div className="fld-section-title">{t('field.lines.title')}</div>
      {job.lines.length === 0 ? (
        <div className="fld-muted">{t('field.lines.none')}</div>
      ) : (
        job.lines.map((line) => (
          <div className="fld-line" key={line.id} data-testid="job-line">
            <span className={`fld-tag ${line.kind === 'charge' ? '' : 'fld-tag-outline'}`}>
              {t(`field.lines.${line.kind}`)}
            </span>
            <div className="fld-line-main">
              <div className="fld-ellipsis">{line.name}</div>
              <div className="fld-muted">
                {line.quantity} {line.unit}
                {line.unitPriceFen > 0 ? ` × ${formatYuan(line.unitPriceFen)}` : ''}
              </div>
            </div>
            <span className="fld-amount">{line.amountFen !== 0 ? formatYuan(line.amountFen) : ''}</span>
            {editable && line.amountFen >= 0 ? (
              <Button
                fill="none"
                color="danger"
                style={{ minHeight: 44 }}
                onClick={() => {
                  setReason('');
                  setVoiding(line);
                }}
                data-testid="line-void"
              >
                {t('field.lines.void')}
              </Button>
            ) : null}
          </div>
        ))
      )}
      <div className="fld-total">
        <span>{t('field.lines.total')}</span>
        <strong data-testid="lines-total">{formatYuan(job.chargeTotalFen)}</strong>
      </div>
      {editable ? (
        <div className="fld-button-row" style={{ marginTop: 8 }}>
          <Button
            size="large"
            className="fld-big"
            color="primary"
            fill="outline"
            onClick={() => setAdding('charge')}
            data-testid="line-add-charge"
          >
            {t('field.lines.addCharge')}
          </Button>
          <Button
            size="large"
            className="fld-big"
            fill="outline"
            onClick={() => setAdding('material')}
            data-testid="line-add-material"
          >
            {t('field.lines.addMaterial')}
          </Button>
        </div>
      ) : null}

      {adding === 'charge' ? (
        <ChargeSheet
          job={job}
          submitting={add.isPending}
          onClose={() => setAdding(null)}
          onSubmit={(item, quantity) => add.mutate({ kind: 'charge', priceItemId: item.id, quantity })}
        />
      ) : null}
      {adding === 'material' ? (
        <MaterialSheet
          submitting={add.isPending}
          onClose={() => setAdding(null)}
          onSubmit={(name, unit, quantity) => add.mutate({ kind: 'material', name, unit, quantity })}
        />
      ) : null}
      <Sheet
        visible={voiding !== null}
        title={t('field.lines.voidTitle')}
        onClose={() => setVoiding(null)}
        onSubmit={() => voiding && reason.trim() && voidLine.mutate({ line: voiding, why: reason.trim() })}
        submitText={t('field.lines.void')}
        submitting={voidLine.isPending}
        submitDisabled={!reason.trim()}
        testId="sheet-void"
      >
        {voiding ? (
          <div className="fld-muted">
            {voiding.name} · {voiding.quantity} {voiding.unit} · {formatYuan(voiding.amountFen)}
          </div>
        ) : null}
        <div className="fld-label">{t('field.lines.voidReason')}</div>
        <div className="fld-input">
          <TextArea
            value={reason}
            onChange={setReason}
            rows={2}
            maxLength={500}
            placeholder={t('field.lines.voidPlaceholder')}
            data-testid="void-reason"
          />
        </div>
      </Sheet>
    </section>
  );
}

/** Quantities: whole steps with a thumb, halves and decimals by typing (1.5 m of pipe). */
function QuantityStepper({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  return (
    <Stepper
      value={value}
      min={0.5}
      max={100_000}
      step={1}
      onChange={(next) => onChange(roundQuantity(next))}
      style={{
        '--height': '48px',
        '--input-width': '80px',
        '--input-font-size': '20px',
        '--button-width': '48px',
      }}
      data-testid="line-quantity"
    />
  );
}

function ChargeSheet({
  job,
  submitting,
  onClose,
  onSubmit,
}: {
  job: Ticket;
  submitting: boolean;
  onClose: () => void;
  onSubmit: (item: PriceItem, quantity: number) => void;
}) {
  const t = useT();
  const items = useQuery({ queryKey: fieldKeys.priceItems, queryFn: listPriceItems, staleTime: 5 * 60_000 });
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<PriceItem | null>(null);
  const [quantity, setQuantity] = useState(1);

  // Items of the job's own category first; inactive items are never offered.
  const shown = useMemo(() => {
    const term = search.trim().toLowerCase();
    return (items.data?.items ?? [])
      .filter((item) => item.active)
      .filter(
        (item) => !term || item.name.toLowerCase().includes(term) || item.code.toLowerCase().includes(term),
      )
      .sort((a, b) => Number(b.categoryId === job.categoryId) - Number(a.categoryId === job.categoryId));
  }, [items.data, search, job.categoryId]);

  return (
    <Sheet
      visible
      title={t('field.lines.pickItem')}
      onClose={onClose}
      onSubmit={() => chosen && onSubmit(chosen, quantity)}
      submitText={t('field.lines.add')}
      submitting={submitting}
      submitDisabled={!chosen}
      testId="sheet-charge"
    >
      <SearchBar
        value={search}
        onChange={setSearch}
        placeholder={t('field.lines.search')}
        style={{ '--height': '44px', marginBottom: 10 }}
      />
      <div style={{ maxHeight: '38vh', overflowY: 'auto' }}>
        {shown.length === 0 && !items.isPending ? (
          <div className="fld-muted">{t('field.lines.noItems')}</div>
        ) : null}
        {shown.map((item) => (
          <button
            type="button"
            key={item.id}
            className="fld-price-item"
            aria-pressed={chosen?.id === item.id}
            onClick={() => setChosen(item)}
            data-testid={`price-item-${item.code}`}
          >
            <span>{item.name}</span>
            <span className="fld-muted" style={{ flex: 'none' }}>
              {t('field.lines.perUnit', { price: formatYuan(item.priceFen), unit: item.unit })}
            </span>
          </button>
        ))}
      </div>
      {chosen ? (
        <div className="fld-total" style={{ alignItems: 'center' }}>
          <QuantityStepper value={quantity} onChange={setQuantity} />
          <span>
            {t('field.lines.amount')}{' '}
            <strong data-testid="charge-amount">
              {formatYuan(lineAmountFen(chosen.priceFen, quantity))}
            </strong>
          </span>
        </div>
      ) : null}
    </Sheet>
  );
}

function MaterialSheet({
  submitting,
  onClose,
  onSubmit,
}: {
  submitting: boolean;
  onClose: () => void;
  onSubmit: (name: string, unit: string, quantity: number) => void;
}) {
  const t = useT();
  const [name, setName] = useState('');
  const [unit, setUnit] = useState(t('field.lines.unitPlaceholder'));
  const [quantity, setQuantity] = useState(1);
  return (
    <Sheet
      visible
      title={t('field.lines.addMaterial')}
      onClose={onClose}
      onSubmit={() => onSubmit(name.trim(), unit.trim(), quantity)}
      submitText={t('field.lines.add')}
      submitting={submitting}
      submitDisabled={!name.trim() || !unit.trim()}
      testId="sheet-material"
    >
      <div className="fld-label">{t('field.lines.materialName')}</div>
      <div className="fld-input">
        <Input
          value={name}
          onChange={setName}
          maxLength={100}
          placeholder={t('field.lines.materialNamePlaceholder')}
          data-testid="material-name"
        />
      </div>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-end' }}>
        <div style={{ flex: 1 }}>
          <div className="fld-label">{t('field.lines.unit')}</div>
          <div className="fld-input">
            <Input value={unit} onChange={setUnit} maxLength={20} data-testid="material-unit" />
          </div>
        </div>
        <div>
          <div className="fld-label">{t('field.lines.quantity')}</div>
          <QuantityStepper value={quantity} onChange={setQuantity} />
        </div>
      </div>
    </Sheet>
  );
}
