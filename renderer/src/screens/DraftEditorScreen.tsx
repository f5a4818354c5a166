import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureForm } from '#shared/catalog/form-schema';
import { validateForm } from '#shared/catalog/validate-field';
import { hasConflicts } from '#shared/merge/draft-state';
import type { ValidationIssue } from '#shared/validators/result';
import { routeHref } from '../app/hash-route';
import { useServices, useStore } from '../app/services-context';
import { DossierStatus } from '../components/DossierStatus';
import { saveErrorKey } from '../components/error-messages';
import { LeaseBanner } from '../components/LeaseBanner';
import { SaveStatus } from '../components/SaveStatus';
import { SyncStateBadge } from '../components/SyncStateBadge';
import { VietnameseTerm } from '../components/VietnameseTerm';
import { DraftForm } from '../forms/DraftForm';
import { SaveTracker, saveState } from '../forms/save-tracker';
import type { LoadedDraft } from '../repo/draft-repository';
import type { Repositories } from '../repo/open-repositories';
import { shownStatus } from '../status/shown-status';
import { StatusPanel } from '../status/StatusPanel';
import { draftSyncView, NO_FACTS } from '../sync/draft-sync-view';
import { useSyncFacts } from '../sync/use-sync-facts';
import { draftReference } from './DraftListScreen';

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed' }
  | { status: 'ready'; draft: LoadedDraft };

export function DraftEditorScreen({ repos, draftId }: { repos: Repositories; draftId: string }) {
  const { t } = useTranslation();
  const { catalog } = useServices();
  const { loaded, drawn } = useDraft(repos, draftId);
  const form = loaded.status === 'ready' ? catalog.form(loaded.draft.summary.procedureId) : null;

  if (loaded.status === 'loading') return <p className="screen">{t('editor.loading')}</p>;
  if (loaded.status !== 'ready' || !form) {
    return (
      <section className="screen">
        <p role="alert" className="field__error">
          {t(
            loaded.status === 'failed'
              ? 'editor.failed'
              : loaded.status === 'missing'
                ? 'editor.missing'
                : 'editor.noForm',
          )}
        </p>
        <BackLink />
      </section>
    );
  }
  return <Editor repos={repos} draft={loaded.draft} form={form} drawn={drawn} />;
}

interface EditorProps {
  readonly repos: Repositories;
  readonly draft: LoadedDraft;
  readonly form: ProcedureForm;
  /** Resolves once the screen shows the draft as last written. */
  readonly drawn: () => Promise<void>;
}

function Editor({ repos, draft, form, drawn }: EditorProps) {
  const { t } = useTranslation();
  const services = useServices();
  const [tracker] = useState(() => new SaveTracker());
  const progress = useStore(tracker.progress);
  const { online } = useStore(services.network);
  const engine = useStore(services.sync.status);
  const facts = useSyncFacts(repos).get(draft.state.draftId) ?? NO_FACTS;
  const [checkIssues, setCheckIssues] = useState<Readonly<Record<string, ValidationIssue>> | null>(null);
  const draftId = draft.state.draftId;
  const accepted = draft.summary.status === 'deleted' ? 'draft' : draft.summary.status;
  const shown = shownStatus(accepted, facts.statusChanges);

  // While the draft is open here, the other PC is told so (a soft lease: it never blocks anyone).
  useEffect(() => services.leaseKeeper.hold(draftId), [services, draftId]);

  const onEdited = useCallback((path: string) => {
    setCheckIssues((issues) => {
      if (!issues || !(path in issues)) return issues;
      const { [path]: _gone, ...rest } = issues;
      return rest;
    });
  }, []);

  // "Saving" lasts until the write is durable and the screen shows the draft as written (the write's own
  // change notice reloads it, once).
  const write = useCallback((job: Promise<unknown>) => void tracker.track(job.then(drawn)), [tracker, drawn]);

  const check = () => setCheckIssues(validateForm(form, draft.values).issues);
  const issueCount = checkIssues ? Object.keys(checkIssues).length : 0;

  return (
    <section
      className="screen editor"
      data-testid="draft-editor"
      data-draft-id={draft.state.draftId}
      aria-labelledby="editor-title"
    >
      <BackLink />
      <div className="editor__head">
        <div>
          <h1 id="editor-title">{t(form.titleKey, { ns: 'catalog' })}</h1>
          <p className="editor__legal" lang="vi">
            {form.legalNameVi}
            {form.formCode ? ` — ${t('editor.formCode', { code: form.formCode })}` : ''}
          </p>
          <p className="editor__meta">
            {t('drafts.reference', { ref: draftReference(draft.state.draftId) })} ·{' '}
            {t(`authority.${form.authority}`, { ns: 'catalog' })}
            <VietnameseTerm ns="catalog" i18nKey={`authority.${form.authority}`} />
          </p>
          <p className="editor__status">
            <DossierStatus shown={shown} />
          </p>
        </div>
        <div className="editor__states">
          <SaveStatus state={saveState(progress, draft.summary.syncState, online)} />
          <SyncStateBadge
            state={draftSyncView(draft.summary, facts, engine)}
            quietWhen={SAID_BY_SAVE_STATUS}
          />
        </div>
      </div>
      <LeaseBanner draftId={draftId} detailed />
      {progress.error ? (
        <p className="banner banner--error" role="alert" data-testid="save-error">
          {t(saveErrorKey(progress.error))}
        </p>
      ) : null}
      {hasConflicts(draft.state) ? (
        <p className="banner banner--warning" role="status" data-testid="draft-conflicts">
          {t('conflict.banner')}
        </p>
      ) : null}
      <p className="lead">{t('editor.autosaveNote')}</p>
      <DraftForm
        form={form}
        draft={draft}
        deviceId={repos.clock.deviceId}
        drafts={repos.drafts}
        attachments={repos.attachments}
        tracker={tracker}
        write={write}
        checkIssues={checkIssues ?? NO_ISSUES}
        onEdited={onEdited}
      />
      <StatusPanel draftId={draftId} shown={shown} statuses={repos.statuses} />
      <div className="editor__actions">
        <button type="button" className="button button--primary" data-testid="check-draft" onClick={check}>
          {t('editor.check')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void services.bridge.print()}
        >
          {t('editor.print')}
        </button>
        {checkIssues ? (
          <p
            className={issueCount ? 'field__error' : 'notice notice--ok'}
            role="status"
            data-testid="check-result"
          >
            {issueCount ? t('editor.checkIssues', { count: issueCount }) : t('editor.checkOk')}
          </p>
        ) : null}
      </div>
      <BackLink />
    </section>
  );
}

const NO_ISSUES: Readonly<Record<string, ValidationIssue>> = {};
const SAID_BY_SAVE_STATUS = ['waiting', 'synced'] as const;

function BackLink() {
  const { t } = useTranslation();
  return (
    <a className="back-link" href={routeHref({ name: 'drafts' })} data-testid="back-to-drafts">
      <span aria-hidden="true">←</span>
      {t('editor.back')}
    </a>
  );
}

/**
 * The draft, decrypted, re-read once for each change notice (this PC's saves, the other PC's edits, acks,
 * another tab's saves). Only the latest read is shown, whatever order the reads finish in. `drawn` resolves
 * once the latest read is on screen.
 */
function useDraft(repos: Repositories, draftId: string): { loaded: Loaded; drawn: () => Promise<void> } {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const latest = useRef<{ n: number; done: Promise<void> }>({ n: 0, done: Promise.resolve() });
  useEffect(() => {
    const reload = () => {
      const n = latest.current.n + 1;
      const done = repos.drafts.load(draftId).then(
        (draft) => {
          if (latest.current.n !== n) return;
          setLoaded(
            draft && draft.summary.status !== 'deleted' ? { status: 'ready', draft } : { status: 'missing' },
          );
        },
        () => {
          if (latest.current.n === n) setLoaded({ status: 'failed' });
        },
      );
      latest.current = { n, done };
    };
    reload();
    return repos.changes.subscribe((ids) => {
      if (ids.includes(draftId)) reload();
    });
  }, [repos, draftId]);
  const drawn = useCallback(() => latest.current.done, []);
  return { loaded, drawn };
}
