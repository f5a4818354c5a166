import { useEffect, useState } from 'react';
import type { Repositories } from '../repo/open-repositories';
import { loadSyncFacts, type DraftSyncFacts } from './draft-sync-view';

/** Every draft's sync facts (attachments waiting, status changes queued), re-read whenever anything changes. */
export function useSyncFacts(repos: Repositories): ReadonlyMap<string, DraftSyncFacts> {
  const [facts, setFacts] = useState<ReadonlyMap<string, DraftSyncFacts>>(() => new Map());
  useEffect(() => {
    let live = true;
    let again = false;
    let loading = false;
    // One read at a time; changes arriving meanwhile cause one more read, not one each.
    const reload = () => {
      if (loading) {
        again = true;
        return;
      }
      loading = true;
      void loadSyncFacts(repos)
        .then((next) => {
          if (live) setFacts(next);
        })
        .catch(() => undefined)
        .finally(() => {
          loading = false;
          if (again && live) {
            again = false;
            reload();
          }
        });
    };
    reload();
    const unsubscribe = repos.changes.subscribe(reload);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [repos]);
  return facts;
}
