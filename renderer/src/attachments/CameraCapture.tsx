import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type CameraProblem = 'cameraDenied' | 'noCamera' | 'cameraFailed';

interface CameraCaptureProps {
  readonly path: string;
  /** Called with the live video when the person presses the shutter; resolves when the photo is handled. */
  readonly onShoot: (video: HTMLVideoElement) => Promise<void>;
  readonly onClose: () => void;
}

/**
 * The camera's live picture and a shutter button. The kiosk never opens a file chooser: documents are
 * photographed. The camera is on only while this is shown, and released when it closes.
 */
export function CameraCapture({ path, onShoot, onClose }: CameraCaptureProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement | null>(null);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<CameraProblem | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let live = true;
    navigator.mediaDevices
      .getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
      })
      .then((s) => {
        if (!live) return s.getTracks().forEach((track) => track.stop());
        stream = s;
        if (video.current) video.current.srcObject = s;
      })
      .catch((e: unknown) => {
        if (!live) return;
        const name = e instanceof DOMException ? e.name : '';
        setProblem(
          name === 'NotAllowedError'
            ? 'cameraDenied'
            : name === 'NotFoundError'
              ? 'noCamera'
              : 'cameraFailed',
        );
      });
    return () => {
      live = false;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  const shoot = async () => {
    if (!video.current) return;
    setBusy(true);
    try {
      await onShoot(video.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="camera" data-testid={`camera-${path}`}>
      {problem ? (
        <p className="field__error" role="alert" data-testid={`camera-error-${path}`}>
          {t(`attachment.${problem}`)}
        </p>
      ) : (
        <video
          ref={video}
          className="camera__preview"
          aria-label={t('attachment.preview')}
          autoPlay
          muted
          playsInline
          onLoadedMetadata={() => setReady(true)}
        />
      )}
      <div className="camera__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid={`capture-${path}`}
          disabled={!ready || busy || problem !== null}
          onClick={() => void shoot()}
        >
          {busy ? t('attachment.processing') : t('attachment.capture')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('attachment.cancel')}
        </button>
      </div>
    </div>
  );
}
