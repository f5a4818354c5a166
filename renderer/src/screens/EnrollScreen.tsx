import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/hash-route';
import { normalizeEnrollmentCode, normalizeServerUrl } from '../app/kiosk-services';
import { useServices } from '../app/services-context';
import { syncErrorKey } from '../components/error-messages';
import { HelpText } from '../components/HelpText';
import { StorageFullError } from '../db/storage-errors';
import { ApiError } from '../sync/api-error';

/** Served by the sync server itself (the PWA), the server is this page's origin; in the shell it must be typed. */
function defaultServerUrl(): string {
  return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : '';
}

/** One labelled input of the enrollment form, with its hint above it. */
function EnrollField({
  label,
  hintKey,
  children,
}: {
  label: string;
  hintKey: string;
  children: (id: string, hintId: string) => ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <HelpText className="field__hint" id={hintId} i18nKey={hintKey} />
      {children(id, hintId)}
    </div>
  );
}

/** First run: connect this PC to the point with the one-time code an official issued. */
export function EnrollScreen() {
  const { t } = useTranslation();
  const services = useServices();
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const serverUrl = normalizeServerUrl(String(data.get('serverUrl') ?? ''));
    const code = normalizeEnrollmentCode(String(data.get('code') ?? ''));
    const label = String(data.get('deviceLabel') ?? '').trim();
    if (!serverUrl) return setErrorKey('enroll.errors.serverUrl');
    if (!code) return setErrorKey('enroll.errors.codeFormat');
    setBusy(true);
    setErrorKey(null);
    try {
      await services.enroll(serverUrl, code, label || undefined);
      navigate({ name: 'drafts' }, { replace: true });
    } catch (err) {
      setErrorKey(
        err instanceof ApiError
          ? syncErrorKey(err.code)
          : err instanceof StorageFullError
            ? syncErrorKey('STORAGE_FULL')
            : syncErrorKey('UNKNOWN'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen screen--narrow" aria-labelledby="enroll-title">
      <h1 id="enroll-title">{t('enroll.title')}</h1>
      <HelpText className="lead" i18nKey="enroll.intro" />
      <form
        className="card"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-describedby={errorKey ? errorId : undefined}
      >
        <EnrollField label={t('enroll.serverUrl')} hintKey="enroll.serverUrlHint">
          {(id, hintId) => (
            <input
              id={id}
              aria-describedby={hintId}
              name="serverUrl"
              className="input"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              defaultValue={defaultServerUrl()}
              data-testid="enroll-server-url"
            />
          )}
        </EnrollField>
        <EnrollField label={t('enroll.code')} hintKey="enroll.codeHint">
          {(id, hintId) => (
            <input
              id={id}
              aria-describedby={hintId}
              name="code"
              className="input input--code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder="ABCD-2345"
              data-testid="enroll-code"
            />
          )}
        </EnrollField>
        <EnrollField label={t('enroll.deviceLabel')} hintKey="enroll.deviceLabelHint">
          {(id, hintId) => (
            <input
              id={id}
              aria-describedby={hintId}
              name="deviceLabel"
              className="input"
              autoComplete="off"
              maxLength={60}
            />
          )}
        </EnrollField>
        {errorKey ? (
          <p className="field__error" id={errorId} role="alert" data-testid="enroll-error">
            {t(errorKey)}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy} data-testid="enroll-submit">
          {busy ? t('enroll.submitting') : t('enroll.submit')}
        </button>
      </form>
    </section>
  );
}
