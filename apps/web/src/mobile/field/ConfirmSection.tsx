import { useRef, useState } from 'react';
import { Button } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import type { Ticket } from '@steward/contracts';
import { attachmentUrl, getJob, uploadJobFile } from '../../api/field.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { toastFailure, toastSuccess } from './feedback.ts';
import { isSignatureEmpty, type Stroke } from './signature.ts';
import { SignaturePad, signaturePng } from './SignaturePad.tsx';
import { StarRating } from './StarRating.tsx';
import type { JobActionRequest } from './useJob.ts';

/**
 * The customer's acceptance on the spot: a signature drawn on the phone (uploaded as a picture)
 * and an optional rating. Or the technician leaves it for the owner to confirm in the resident app.
 */
export function ConfirmSection({
  job,
  run,
  busy,
}: {
  job: Ticket;
  run: (request: JobActionRequest, version?: number) => Promise<boolean>;
  busy: boolean;
}) {
  const t = useT();
  const navigate = useNavigate();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [rating, setRating] = useState(0);
  const [sending, setSending] = useState(false);
  // Said under the pad rather than in a toast, which would sit on the pad and catch the next stroke.
  const [unsigned, setUnsigned] = useState(false);

  if (job.confirmation) {
    const { signatureAttachmentId, rating: given } = job.confirmation;
    const signature = job.attachments.find((a) => a.id === signatureAttachmentId);
    return (
      <section className="fld-section" data-testid="job-confirmed">
        <div className="fld-section-title">{t('field.confirm.done')}</div>
        {given ? <div className="fld-muted">{t('field.confirm.ratingValue', { rating: given })}</div> : null}
        {signature ? (
          <img
            src={attachmentUrl(signature, false)}
            alt={t('field.confirm.signature')}
            style={{ width: '100%', marginTop: 8, border: '1px solid #eef0f3', borderRadius: 8 }}
          />
        ) : null}
      </section>
    );
  }
  if (!job.allowedActions.includes('confirm')) return null;

  const submit = async () => {
    const canvas = canvasRef.current;
    if (!canvas || isSignatureEmpty(strokes)) {
      setUnsigned(true);
      return;
    }
    setSending(true);
    try {
      const png = await signaturePng(canvas);
      if (!png) throw new Error('canvas.toBlob gave nothing');
      const attachment = await uploadJobFile(job.id, 'signature', png, 'signature.png');
      // The upload may have moved the job's version on; confirm against the job as it is now.
      const current = await getJob(job.id);
      await run(
        {
          action: 'confirm',
          body: {
            method: 'signature',
            signatureAttachmentId: attachment.id,
            ...(rating > 0 ? { rating } : {}),
          },
        },
        current.version,
      );
    } catch (error) {
      toastFailure(error, t);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="fld-section" data-testid="job-confirm">
      <div className="fld-section-title">{t('field.confirm.title')}</div>
      <div className="fld-muted" style={{ marginBottom: 8 }}>
        {t('field.confirm.hint')}
      </div>
      <SignaturePad
        strokes={strokes}
        onChange={(next) => {
          setStrokes(next);
          setUnsigned(false);
        }}
        canvasRef={canvasRef}
        placeholder={t('field.confirm.sign')}
      />
      {unsigned ? (
        <div className="fld-error" data-testid="signature-missing">
          {t('field.confirm.empty')}
        </div>
      ) : null}
      <div className="fld-button-row" style={{ marginTop: 10 }}>
        <Button
          size="large"
          className="fld-big"
          disabled={strokes.length === 0}
          onClick={() => setStrokes(strokes.slice(0, -1))}
          data-testid="signature-undo"
        >
          {t('field.confirm.undo')}
        </Button>
        <Button
          size="large"
          className="fld-big"
          disabled={strokes.length === 0}
          onClick={() => setStrokes([])}
          data-testid="signature-clear"
        >
          {t('field.confirm.clear')}
        </Button>
      </div>
      <div className="fld-label">{t('field.confirm.rating')}</div>
      <StarRating value={rating} onChange={setRating} label={t('field.confirm.rating')} />
      <div className="fld-button-row" style={{ marginTop: 16 }}>
        <Button
          block
          size="large"
          color="success"
          className="fld-big"
          loading={sending || busy}
          disabled={sending || busy}
          onClick={() => void submit()}
          data-testid="confirm-submit"
        >
          {t('field.action.confirm')}
        </Button>
      </div>
      <div className="fld-button-row">
        <Button
          block
          size="large"
          fill="none"
          className="fld-big"
          disabled={sending}
          onClick={() => {
            toastSuccess(t('field.confirm.laterDone'));
            navigate('/m/jobs');
          }}
          data-testid="confirm-later"
        >
          {t('field.confirm.later')}
        </Button>
      </div>
    </section>
  );
}
