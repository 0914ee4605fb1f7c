/**
 * The text an edit of a hunk starts from (`e` in the review, see `editBox.ts`), without the DOM so
 * it is tested in plain mocha.
 */
import type { ReviewHunk, ReviewLine } from '../../src/shared/reviewProtocol';

/** An edit that was sent: kept until the hunk is decided, so a refusal loses nothing. */
export interface SentEdit {
  readonly hunkId: string;
  readonly revision: number;
  readonly draft: string;
}

/** The hunk's proposed lines as the reviewer edits them: the new side between its first and last change. */
export function proposedText(lines: readonly ReviewLine[]): string {
  const first = lines.findIndex((l) => l[0] !== 0);
  let last = lines.length - 1;
  while (last >= 0 && lines[last]?.[0] === 0) last--;
  if (first === -1) return '';
  return lines
    .slice(first, last + 1)
    .filter((l) => l[0] !== 1)
    .map((l) => l[1])
    .join('\n');
}

/** The draft to open for `hunk`: what was sent and refused at this revision, else the proposal. */
export function editDraft(hunk: ReviewHunk, sent: SentEdit | undefined): string {
  return sent !== undefined && sent.hunkId === hunk.id && sent.revision === hunk.revision ? sent.draft : proposedText(hunk.lines);
}
