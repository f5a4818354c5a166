import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogIndexEntry } from '#shared/catalog/catalog-index';
import { navigate, routeHref } from '../app/hash-route';
import { useServices, useStore } from '../app/services-context';
import { DossierStatus } from '../components/DossierStatus';
import { saveErrorKey } from '../components/error-messages';
import { LeaseBanner } from '../components/LeaseBanner';
import { StorageNotice } from '../components/StorageNotice';
import { SyncStateBadge } from '../components/SyncStateBadge';
import { VietnameseTerm } from '../components/VietnameseTerm';
import { StorageFullError } from '../db/storage-errors';
import { whenQuiet } from '../pwa/quiet-moment';
import type { Repositories } from '../repo/open-repositories';
import type { DraftSummary } from '../repo/draft-repository';
import { shownStatus } from '../status/shown-status';
import { draftSyncView, NO_FACTS, type DraftSyncFacts } from '../sync/draft-sync-view';
import type { SyncSnapshot } from '../sync/sync-engine';
import { useSyncFacts } from '../sync/use-sync-facts';

/** The test hook of the quick-start button of CT01 "Đăng ký tạm trú"; other procedures get `new-draft-<id>`. */
const START_TEST_IDS: Readonly<Record<string, string>> = { 'dang-ky-tam-tru': 'new-draft-ct01' };

/** How long the list must stay untouched before a waiting app update reloads the page. */
const UPDATE_AFTER_QUIET_MS = 60_000;

/** A short reference a person can read out to find the draft again (not the resident's name: the screen is public). */
export const draftReference = (draftId: string): string => draftId.slice(0, 8).toUpperCase();

export function DraftListScreen({ repos }: { repos: Repositories }) {
  const { t } = useTranslation();
  const services = useServices();
  const drafts = useDraftSummaries(repos);
  const facts = useSyncFacts(repos);
  const engine = useStore(services.sync.status);
  const { waiting } = useStore(services.updates.state);
  const [errorKey, setErrorKey] = useState<string | null>(null);

  // The list left untouched is the idle moment between residents: the right time to apply an app update …
  useEffect(() => {
    if (!waiting) return;
    const leave = new AbortController();
    void whenQuiet(window, UPDATE_AFTER_QUIET_MS, leave.signal).then((quiet) => {
      if (quiet) void services.updates.applyIfWaiting(() => repos.drafts.idle());
    });
    return () => leave.abort();
  }, [waiting, services, repos]);

  // … and to erase what retention allows and compact what stays.
  useEffect(() => {
    void services.housekeep();
  }, [services]);

  const start = async (procedureId: string) => {
    try {
      const draftId = await repos.drafts.createDraft(procedureId);
      navigate({ name: 'draft', draftId });
    } catch (e) {
      setErrorKey(saveErrorKey(e instanceof StorageFullError ? 'STORAGE_FULL' : 'UNKNOWN'));
    }
  };

  return (
    <section className="screen" aria-labelledby="drafts-title">
      <h1 id="drafts-title">{t('drafts.title')}</h1>
      <div className="start-buttons">
        {services.catalog.procedures.map((p) => (
          <StartButton key={p.id} procedure={p} onStart={() => void start(p.id)} />
        ))}
      </div>
      {errorKey ? (
        <p className="field__error" role="alert">
          {t(errorKey)}
        </p>
      ) : null}
      <StorageNotice />
      <h2>{t('drafts.listTitle')}</h2>
      {drafts === null ? null : drafts.length === 0 ? (
        <p className="empty">{t('drafts.empty')}</p>
      ) : (
        <ul className="draft-list">
          {drafts.map((d) => (
            <li key={d.id}>
              <DraftRow draft={d} facts={facts.get(d.id) ?? NO_FACTS} engine={engine} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StartButton({ procedure, onStart }: { procedure: CatalogIndexEntry; onStart: () => void }) {
  const { t } = useTranslation();
  const title = t(procedure.titleKey, { ns: 'catalog' });
  return (
    <button
      type="button"
      className="button button--primary button--large"
      data-testid={START_TEST_IDS[procedure.id] ?? `new-draft-${procedure.id}`}
      onClick={onStart}
    >
      <span className="button__plus" aria-hidden="true">
        +
      </span>
      <span>
        {t('drafts.new', { title })}
        {title !== procedure.legalNameVi ? (
          <span className="vi-term" lang="vi">
            {procedure.legalNameVi}
            {procedure.formCode ? ` (${procedure.formCode})` : ''}
          </span>
        ) : null}
      </span>
    </button>
  );
}

interface DraftRowProps {
  readonly draft: DraftSummary;
  readonly facts: DraftSyncFacts;
  readonly engine: SyncSnapshot;
}

function DraftRow({ draft, facts, engine }: DraftRowProps) {
  const { t, i18n } = useTranslation();
  const services = useServices();
  const entry = services.catalog.procedures.find((p) => p.id === draft.procedureId);
  const updated = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    draft.updatedAt,
  );
  return (
    <a
      className="draft-row"
      href={routeHref({ name: 'draft', draftId: draft.id })}
      data-testid="draft-row"
      data-draft-id={draft.id}
    >
      <span className="draft-row__title">
        {entry ? t(entry.titleKey, { ns: 'catalog' }) : t('drafts.unknownProcedure')}
        {entry ? <VietnameseTerm text={entry.legalNameVi} /> : null}
      </span>
      <span className="draft-row__meta">
        {t('drafts.reference', { ref: draftReference(draft.id) })} · {t('drafts.updated', { time: updated })}
      </span>
      <span className="draft-row__states">
        <DossierStatus
          shown={shownStatus(draft.status === 'deleted' ? 'draft' : draft.status, facts.statusChanges)}
        />
        <SyncStateBadge state={draftSyncView(draft, facts, engine)} />
      </span>
      <LeaseBanner draftId={draft.id} />
    </a>
  );
}

/** The point's drafts, re-read whenever one changes (edit here, pull from the other PC, server ack). */
function useDraftSummaries(repos: Repositories): DraftSummary[] | null {
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    const reload = () =>
      void repos.drafts.list().then((list) => {
        if (live) setDrafts(list);
      });
    reload();
    const unsubscribe = repos.changes.subscribe(reload);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [repos]);
  return drafts;
}
