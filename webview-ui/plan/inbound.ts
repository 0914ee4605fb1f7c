/**
 * The Plan webview's check of what it receives, with the same guard library as the host's check of
 * what the webview sends: a message of another shape (a forged `postMessage`, a host of another
 * version) is dropped, not half-applied. Extra fields are tolerated so a newer host can add data.
 */
import { arrayOf, isNatural, isRecord, isString, messageGuard } from '../../src/shared/messageGuard';
import type { ToPlanWebview } from '../../src/shared/planProtocol';

export const isToPlanWebview = messageGuard<ToPlanWebview>(
  {
    state: { fields: { state: isRecord } },
    doc: { fields: { doc: (v) => v === null || isRecord(v) } },
    log: { fields: { runId: isString, from: isNatural, entries: arrayOf(isRecord) } },
    saved: { fields: { id: isString, ok: (v) => typeof v === 'boolean', message: isString }, optional: ['message'] },
    logFull: { fields: { runId: isString, clipId: isString, text: isString }, optional: ['text'] },
  },
  'tolerant',
);
