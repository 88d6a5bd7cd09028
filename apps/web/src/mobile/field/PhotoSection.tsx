import { useRef, useState, type RefObject } from 'react';
import { Button, ImageViewer, ProgressBar } from 'antd-mobile';
import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { Ticket } from '@steward/contracts';
import { attachmentUrl, fieldKeys, uploadJobFile } from '../../api/field.ts';
import { useT } from '../../app/i18n/I18nProvider.tsx';
import { toastFailure, toastSuccess } from './feedback.ts';
import { compressImage } from './image.ts';

type PhotoStage = 'before' | 'after';

/** Before and after photos: thumbnails, and big camera / album buttons while the job is being worked. */
export function PhotoSection({ job, editable }: { job: Ticket; editable: boolean }) {
  const t = useT();
  return (
    <section className="fld-section" data-testid="job-photos">
      <div className="fld-section-title">{t('field.photos.title')}</div>
      {(['before', 'after'] as const).map((stage) => (
        <PhotoStageBlock key={stage} job={job} stage={stage} editable={editable} />
      ))}
    </section>
  );
}

function PhotoStageBlock({ job, stage, editable }: { job: Ticket; stage: PhotoStage; editable: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const cameraInput = useRef<HTMLInputElement>(null);
  const albumInput = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const photos = job.attachments.filter((a) => a.stage === stage);

  const send = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setProgress(0);
    try {
      for (const file of Array.from(files)) {
        const { blob, name } = await compressImage(file);
        await uploadJobFile(job.id, stage, blob, name, setProgress);
      }
      toastSuccess(t('field.photos.uploaded'));
    } catch (error) {
      toastFailure(error, t);
    } finally {
      setProgress(null);
      // The server stores the photo and its thumbnail; the job's attachment list comes from it.
      await queryClient.invalidateQueries({ queryKey: fieldKeys.job(job.id) });
    }
  };

  const picker = (ref: RefObject<HTMLInputElement | null>, camera: boolean) => (
    <input
      ref={ref}
      type="file"
      accept="image/*"
      // capture opens the camera directly on phones; the album button leaves it out.
      {...(camera ? { capture: 'environment' } : { multiple: true })}
      hidden
      data-testid={`photo-input-${stage}-${camera ? 'camera' : 'album'}`}
      onChange={(event) => {
        const files = event.currentTarget.files;
        void send(files).then(() => {
          if (ref.current) ref.current.value = '';
        });
      }}
    />
  );

  return (
    <div className="fld-stage" data-testid={`photos-${stage}`}>
      <div style={{ fontWeight: 600 }}>
        {t(`field.photos.${stage}`)} <span className="fld-muted">{photos.length || ''}</span>
      </div>
      {photos.length > 0 ? (
        <div className="fld-thumbs">
          {photos.map((photo, index) => (
            <button type="button" key={photo.id} onClick={() => setViewing(index)}>
              <img
                src={attachmentUrl(photo, true)}
                alt={photo.fileName}
                loading="lazy"
                data-testid="photo-thumb"
              />
            </button>
          ))}
        </div>
      ) : (
        <div className="fld-muted" style={{ margin: '6px 0 10px' }}>
          {t('field.photos.none')}
        </div>
      )}
      {progress !== null ? (
        <div style={{ margin: '4px 0 10px' }}>
          <ProgressBar percent={progress} />
          <div className="fld-muted">{t('field.photos.uploading', { percent: progress })}</div>
        </div>
      ) : null}
      {editable ? (
        <div className="fld-button-row">
          {picker(cameraInput, true)}
          {picker(albumInput, false)}
          <Button
            size="large"
            className="fld-big"
            color="primary"
            fill="outline"
            disabled={progress !== null}
            onClick={() => cameraInput.current?.click()}
            data-testid={`photo-camera-${stage}`}
          >
            <CameraOutlined /> {t('field.photos.camera')}
          </Button>
          <Button
            size="large"
            className="fld-big"
            fill="outline"
            disabled={progress !== null}
            onClick={() => albumInput.current?.click()}
            data-testid={`photo-album-${stage}`}
          >
            <PictureOutlined /> {t('field.photos.album')}
          </Button>
        </div>
      ) : null}
      <ImageViewer.Multi
        images={photos.map((photo) => attachmentUrl(photo, false))}
        visible={viewing !== null}
        defaultIndex={viewing ?? 0}
        onClose={() => setViewing(null)}
      />
    </div>
  );
}
