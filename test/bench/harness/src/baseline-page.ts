import type { BaselineApi } from './bench-api';
import { pouchPrepare, pouchReplicate } from './pouch';
import { rawIdbPuts } from './raw-idb';

const api: BaselineApi = { rawIdbPuts, pouchPrepare, pouchReplicate };
window.bench = api;
