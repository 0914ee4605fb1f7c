import { fail, ok, type Result } from '../result';
import { splitLines } from './lines';

export type LineEndingKind = 'lf' | 'crlf' | 'mixed' | 'none';

/** What a file's text looks like; what must survive every edit unchanged. */
export interface TextFacts {
  readonly lineEnding: LineEndingKind;
  /** The text starts with U+FEFF. */
  readonly bom: boolean;
  /** The text is empty or ends with '\n'. */
  readonly finalNewline: boolean;
  readonly lineCount: number;
}

export const BOM = '\uFEFF';

export function detectLineEnding(text: string): LineEndingKind {
  let lf = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  if (lf === 0 && crlf === 0) return 'none';
  if (lf > 0 && crlf > 0) return 'mixed';
  return crlf > 0 ? 'crlf' : 'lf';
}

export function hasBom(text: string): boolean {
  return text.startsWith(BOM);
}

export function hasFinalNewline(text: string): boolean {
  return text.length === 0 || text.endsWith('\n');
}

export function textFacts(text: string): TextFacts {
  return {
    lineEnding: detectLineEnding(text),
    bom: hasBom(text),
    finalNewline: hasFinalNewline(text),
    lineCount: splitLines(text).length,
  };
}

export type TextErrorCode = 'E_BINARY' | 'E_INVALID_TEXT';

/**
 * Text that hunks can be computed for: no NUL character (git's own binary test) and no lone
 * UTF-16 surrogate (which is what undecodable bytes become when a file is misread).
 */
export function checkText(text: string, what = 'text'): Result<string, TextErrorCode> {
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return fail('E_BINARY', `${what} is binary: it contains a NUL character at offset ${nul}`);
  }
  const lone = findLoneSurrogate(text);
  if (lone !== -1) {
    return fail('E_INVALID_TEXT', `${what} is not valid text: lone UTF-16 surrogate at offset ${lone}`);
  }
  return ok(text);
}

function findLoneSurrogate(text: string): number {
  // The native scan skips the loop for text without surrogates (most code): 4 MB in ~1 ms.
  const first = text.search(/[\uD800-\uDFFF]/);
  if (first === -1) return -1;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}
