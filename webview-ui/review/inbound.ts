/**
 * The webview's check of what it receives. The host is trusted more than the webview, but a
 * message that does not have the shape we render (a forged `postMessage`, a host from another
 * version) must be dropped, not half-applied: a bad hunk would throw in the middle of a render and
 * leave the panel blank. Extra fields are tolerated so that a newer host can add optional data.
 */
import type { ReviewFile, ReviewHeader, ReviewHunk, ReviewLine, ReviewState, ToReviewWebview } from '../../src/shared/reviewProtocol';

type Check = (v: unknown) => boolean;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const nonEmpty: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= 200;
const nat: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const oneOf = (...values: readonly unknown[]): Check => (v) => values.includes(v);

function fields(v: unknown, spec: Record<string, Check>): v is Record<string, unknown> {
  if (!isObj(v)) return false;
  for (const key in spec) {
    const check = spec[key];
    if (check && !check(v[key])) return false;
  }
  return true;
}

function isLine(v: unknown): v is ReviewLine {
  if (!Array.isArray(v) || v.length < 2 || v.length > 3) return false;
  const [kind, text, emphasis] = v as unknown[];
  if (kind !== 0 && kind !== 1 && kind !== 2) return false;
  if (typeof text !== 'string') return false;
  if (emphasis === undefined) return true;
  return Array.isArray(emphasis) && emphasis.length % 2 === 0 && emphasis.every(nat);
}

const isFlag: Check = (v) => fields(v, { id: str, reason: str });

function isHunk(v: unknown): v is ReviewHunk {
  return fields(v, {
    id: nonEmpty,
    file: nat,
    state: oneOf('pending', 'accepted', 'rejected', 'stale'),
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
    linesAfter: optional(nat),
  });
}

function isFile(v: unknown): v is ReviewFile {
  return fields(v, {
    path: str,
    oldPath: optional(str),
    status: oneOf('modified', 'added', 'deleted', 'renamed'),
    language: str,
    note: optional(str),
  });
}

function isHeader(v: unknown): v is ReviewHeader {
  return fields(v, {
    title: str,
    source: str,
    summary: optional(str),
    costUsd: optional((x) => typeof x === 'number' && Number.isFinite(x)),
    claimMismatches: arrayOf(str),
    readOnlyReason: optional(str),
  });
}

export function isReviewState(v: unknown): v is ReviewState {
  if (!fields(v, { changesetId: str, header: isHeader, files: arrayOf(isFile), hunks: arrayOf(isHunk), layout: oneOf('unified', 'split'), focus: optional(str) })) return false;
  const fileCount = (v.files as readonly unknown[]).length;
  // A hunk must name a file we have, or every later lookup would need a guard.
  return (v.hunks as readonly ReviewHunk[]).every((h) => h.file < fileCount);
}

export function isToReviewWebview(v: unknown): v is ToReviewWebview {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'state':
      return isReviewState(v.state);
    case 'hunks':
      return fields(v, { hunks: arrayOf(isHunk), removed: arrayOf(str), header: isHeader });
    case 'context':
      return fields(v, { hunkId: nonEmpty, direction: oneOf('above', 'below'), lines: arrayOf(isLine), startLine: nat });
    case 'notice':
      return fields(v, { level: oneOf('info', 'error'), message: str, requestId: optional(nat) });
    case 'focus':
      return fields(v, { hunkId: nonEmpty });
    default:
      return false;
  }
}
