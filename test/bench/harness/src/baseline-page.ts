import type { BaselineApi } from './bench-api';
import { pouchPrepare, pouchSync } from './pouch';
import { rawIdbPuts } from './raw-idb';

const api: BaselineApi = { rawIdbPuts, pouchPrepare, pouchSync };
window.bench = api;
