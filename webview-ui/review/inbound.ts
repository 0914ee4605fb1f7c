/**
 * The webview's check of what it receives. The host is trusted more than the webview, but a
 * message that does not have the shape we render (a forged `postMessage`, a host from another
 * version) must be dropped, not half-applied: a bad hunk would throw in the middle of a render and
 * leave the panel blank. Extra fields are tolerated so that a newer host can add optional data.
 */
import { arrayOf, type Check, hasFields, isNatural as nat, isString as str, messageGuard, oneOf, optional } from '../../src/shared/messageGuard';
import type { ReviewFile, ReviewHeader, ReviewHunk, ReviewLine, ReviewMove, ReviewState, ToReviewWebview } from '../../src/shared/reviewProtocol';

const bool: Check = (v) => typeof v === 'boolean';
const nonEmpty: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= 200;

function isLine(v: unknown): v is ReviewLine {
  if (!Array.isArray(v) || v.length < 2 || v.length > 3) return false;
  const [kind, text, emphasis] = v as unknown[];
  if (kind !== 0 && kind !== 1 && kind !== 2) return false;
  if (typeof text !== 'string') return false;
  if (emphasis === undefined) return true;
  return Array.isArray(emphasis) && emphasis.length % 2 === 0 && emphasis.every(nat);
}

const isFlag: Check = (v) => hasFields(v, { id: str, reason: str });

function isHunk(v: unknown): v is ReviewHunk {
  return hasFields(v, {
    id: nonEmpty,
    file: nat,
    state: oneOf('pending', 'accepted', 'modified', 'rejected', 'stale'),
    revision: nat,
    oldStart: nat,
    oldLines: nat,
    newStart: nat,
    newLines: nat,
    lines: arrayOf(isLine),
    flags: arrayOf(isFlag),
    steps: arrayOf(str),
    reason: optional(str),
    staleReason: optional(str),
    fixing: optional((x) => typeof x === 'boolean'),
    previous: optional(arrayOf(isLine)),
    whitespaceOnly: optional(bool),
    linesAfter: optional(nat),
    detached: optional((x) => typeof x === 'boolean'),
  });
}

function isFile(v: unknown): v is ReviewFile {
  return hasFields(v, {
    path: str,
    oldPath: optional(str),
    status: oneOf('modified', 'added', 'deleted', 'renamed'),
    language: str,
    note: optional(str),
  });
}

function isHeader(v: unknown): v is ReviewHeader {
  return hasFields(v, {
    title: str,
    source: str,
    summary: optional(str),
    costUsd: optional((x) => typeof x === 'number' && Number.isFinite(x)),
    priceUnknown: optional((x) => typeof x === 'boolean'),
    claimMismatches: arrayOf(str),
    readOnlyReason: optional(str),
  });
}

export function isReviewState(v: unknown): v is ReviewState {
  if (
    !hasFields(v, {
      changesetId: str,
      header: isHeader,
      files: arrayOf(isFile),
      hunks: arrayOf(isHunk),
      layout: oneOf('unified', 'split'),
      focus: optional(str),
      more: optional(nat),
    })
  )
    return false;
  const fileCount = (v.files as readonly unknown[]).length;
  // A hunk must name a file we have, or every later lookup would need a guard.
  return (v.hunks as readonly ReviewHunk[]).every((h) => h.file < fileCount);
}

function isMove(v: unknown): v is ReviewMove {
  return hasFields(v, { from: nonEmpty, fromLine: nat, to: nonEmpty, toLine: nat, lines: nat, reindented: bool, whole: bool });
}

export const isToReviewWebview = messageGuard<ToReviewWebview>(
  {
    state: { fields: { state: isReviewState } },
    hunks: { fields: { hunks: arrayOf(isHunk), removed: arrayOf(str), header: isHeader } },
    moreHunks: { fields: { changesetId: str, hunks: arrayOf(isHunk), more: nat } },
    context: { fields: { hunkId: nonEmpty, direction: oneOf('above', 'below'), lines: arrayOf(isLine), startLine: nat } },
    notice: { fields: { level: oneOf('info', 'error'), message: str, requestId: nat }, optional: ['requestId'] },
    focus: { fields: { hunkId: nonEmpty } },
    moves: { fields: { moves: arrayOf(isMove) } },
  },
  'tolerant',
);
