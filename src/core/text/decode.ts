import { fail, type Result } from '../result';
import { checkText } from './textFacts';

export type DecodeErrorCode = 'E_UNKNOWN_ENCODING' | 'E_BINARY' | 'E_INVALID_TEXT';

/** Encodings Redline reads and writes byte for byte; anything else is refused, not guessed. */
export const SUPPORTED_ENCODINGS = ['utf8', 'utf16le', 'utf16be'] as const;
export type SupportedEncoding = (typeof SUPPORTED_ENCODINGS)[number];

const LABELS: Record<SupportedEncoding, string> = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be' };

export function isSupportedEncoding(name: string): name is SupportedEncoding {
  return (SUPPORTED_ENCODINGS as readonly string[]).includes(name);
}

/**
 * Decodes file bytes to text. A BOM is kept in the string (as U+FEFF) so that writing the text
 * back reproduces it. Binary content (a NUL byte in UTF-8) and undecodable bytes are errors:
 * a misread file must never be diffed, because accepting a hunk would corrupt it.
 */
export function decodeBytes(bytes: Uint8Array, encoding: string = 'utf8'): Result<string, DecodeErrorCode> {
  if (!isSupportedEncoding(encoding)) {
    return fail('E_UNKNOWN_ENCODING', `unknown encoding '${encoding}': supported are ${SUPPORTED_ENCODINGS.join(', ')}`);
  }
  if (encoding === 'utf8') {
    // Git's heuristic: a NUL byte in the first 8000 bytes means binary.
    const nul = bytes.subarray(0, 8000).indexOf(0);
    if (nul !== -1) return fail('E_BINARY', `binary content: NUL byte at offset ${nul}`);
  }
  const decoded = strictDecode(bytes, encoding);
  if (decoded === undefined) {
    return fail('E_INVALID_TEXT', `bytes are not valid ${encoding}`);
  }
  return checkText(decoded, 'decoded text');
}

function strictDecode(bytes: Uint8Array, encoding: SupportedEncoding): string | undefined {
  if (encoding === 'utf16be') {
    if (bytes.length % 2 !== 0) return undefined;
    const swapped = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += 2) {
      swapped[i] = bytes[i + 1] ?? 0;
      swapped[i + 1] = bytes[i] ?? 0;
    }
    return strictDecode(swapped, 'utf16le');
  }
  const decoder = new TextDecoder(LABELS[encoding], { fatal: true, ignoreBOM: true });
  // TextDecoder signals invalid input only by throwing; this converts it to a value at the edge.
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
