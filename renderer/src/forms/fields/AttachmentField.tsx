import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraCapture } from '../../attachments/CameraCapture';
import { capturePhoto } from '../../attachments/downscale';
import { useAttachmentView } from '../../attachments/use-attachment-view';
import { useServices, useStore } from '../../app/services-context';
import { blobOfValue } from '../../repo/blob-refs';
import { useFieldView } from '../draft-view';
import { FieldFrame } from '../FieldFrame';
import type { FieldProps } from '../field-props';
import { useFormBindings } from '../form-bindings';

/**
 * A document photographed with the kiosk's camera: scaled down and encoded on the device, refused at once
 * if it cannot fit the server's limit, else stored encrypted and uploaded before the edit that names it.
 */
export function AttachmentField({ field, path }: FieldProps) {
  const { t } = useTranslation();
  const form = useFormBindings();
  const { config } = useStore(useServices().serverConfig);
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState<{ size: number; max: number } | null>(null);
  const sha256 = blobOfValue(useFieldView(path).value ?? null);
  const maxBytes = config?.maxUploadBytes ?? null;

  const shoot = async (video: HTMLVideoElement) => {
    const photo = await capturePhoto(video, maxBytes);
    if (!photo.fits) {
      setRefused({ size: photo.smallest, max: maxBytes ?? 0 });
      return;
    }
    setRefused(null);
    setOpen(false);
    form.saveAttachment(path, photo.blob);
  };

  return (
    <FieldFrame field={field} path={path} issue={null} format={() => ''}>
      {(aria) => (
        <div className="attachment" data-field={path}>
          {refused ? (
            <p
              className="field__error"
              role="alert"
              data-testid={`attachment-${path}`}
              data-state="too-large"
            >
              {t('attachment.tooLarge', { size: formatBytes(refused.size), max: formatBytes(refused.max) })}
            </p>
          ) : sha256 ? (
            <AttachmentPreview sha256={sha256} path={path} draftId={form.draftId} />
          ) : null}
          {open ? (
            <CameraCapture path={path} onShoot={shoot} onClose={() => setOpen(false)} />
          ) : (
            <button
              type="button"
              id={aria.id}
              aria-describedby={aria['aria-describedby']}
              className="button button--secondary"
              data-testid={`camera-open-${path}`}
              onClick={() => setOpen(true)}
            >
              {t(sha256 ? 'attachment.retake' : 'attachment.open')}
            </button>
          )}
        </div>
      )}
    </FieldFrame>
  );
}

function AttachmentPreview({ sha256, path, draftId }: { sha256: string; path: string; draftId: string }) {
  const { t } = useTranslation();
  const view = useAttachmentView(sha256, draftId);
  const message =
    view.notHere && view.state === 'pending' ? t('attachment.notHere') : t(`attachment.states.${view.state}`);
  return (
    <figure
      className="attachment__figure"
      data-testid={`attachment-${path}`}
      data-state={view.state}
      data-sha256={sha256}
    >
      {view.url ? <img className="attachment__photo" src={view.url} alt={t('attachment.photoAlt')} /> : null}
      <figcaption className={`attachment__state attachment__state--${view.state}`} role="status">
        {message}
        {view.progress !== null ? ` ${Math.round(view.progress * 100)}%` : null}
        {view.state === 'too-large' || view.state === 'error' ? ` ${t('attachment.refused')}` : null}
      </figcaption>
    </figure>
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
