// The few parts of the PouchDB packages the baseline uses; they ship no typings of their own.

declare module 'pouchdb-core' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface PouchDbConstructor {
    plugin(plugin: unknown): PouchDbConstructor;
    defaults(options: { adapter: string; prefix?: string }): PouchDbConstructor;
    (req: IncomingMessage, res: ServerResponse): void;
  }
  const PouchDB: PouchDbConstructor;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  type Handler = (req: IncomingMessage, res: ServerResponse) => void;
  export default function expressPouchDB(
    PouchDB: unknown,
    options: {
      mode: 'minimumForPouchDB' | 'fullCouchDB';
      inMemoryConfig: boolean;
      configPath?: string;
      logPath?: string;
    },
  ): Handler;
}

declare module 'pouchdb-browser' {
  interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    errors: unknown[];
  }
  interface Replication {
    on(event: 'complete', listener: (result: ReplicationResult) => void): Replication;
  }
  /** A one-shot sync: awaitable, and its two halves are event emitters of their own. */
  interface Sync extends PromiseLike<{ push: ReplicationResult; pull: ReplicationResult }> {
    push: Replication;
    pull: Replication;
  }
  interface PouchDatabase {
    bulkDocs(docs: ReadonlyArray<{ _id: string; [key: string]: unknown }>): Promise<unknown[]>;
    info(): Promise<{ doc_count: number; adapter: string }>;
    destroy(): Promise<unknown>;
    close(): Promise<unknown>;
    sync(remote: string): Sync;
  }
  interface PouchDbConstructor {
    new (name: string, options?: { adapter?: string }): PouchDatabase;
  }
  const PouchDB: PouchDbConstructor;
  export default PouchDB;
}
