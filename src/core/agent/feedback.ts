import { editDiff } from '../changeset/edit';
import type { TextBlock } from './conversation';

/** A reviewer's rejection, told to the model so it does not propose the same thing again. */
export interface RejectionNote {
  path: string;
  hunkId: string;
  reason: string;
  /** The rejected lines, when the changeset can give them; helps the model recognise its change. */
  excerpt?: string;
}

/** A hunk the reviewer edited before accepting it: the file holds their version of its lines. */
export interface EditNote {
  path: string;
  hunkId: string;
  /** The hunk's lines as proposed and as the reviewer wrote them. */
  edit: { readonly proposed: string; readonly text: string };
}

export type ReviewNote = RejectionNote | EditNote;

const excerptCap = 2000;

/** Review notes as the text the model reads, or undefined when there are none. */
export function feedbackText(notes: readonly ReviewNote[]): string | undefined {
  const rejections = notes.flatMap((n) => ('edit' in n ? [] : [n]));
  const edits = notes.flatMap((n) => ('edit' in n ? [n] : []));
  const parts: string[] = [];
  if (rejections.length > 0) {
    const lines = rejections.map((n) => {
      const excerpt = n.excerpt === undefined ? '' : `\n  Rejected change:\n${indent(n.excerpt.slice(0, excerptCap))}`;
      return `- The user rejected hunk ${n.hunkId} in ${n.path}: ${n.reason}${excerpt}`;
    });
    parts.push(`Review feedback since your last turn. Do not propose these changes again; take the reasons into account:\n${lines.join('\n')}`);
  }
  if (edits.length > 0) {
    const lines = edits.map(
      (n) => `- Hunk ${n.hunkId} in ${n.path}, your proposal (-) and what the user accepted (+):\n${indent(editDiff(n.edit).slice(0, excerptCap))}`,
    );
    parts.push(
      `The user edited these proposals before accepting them; the files hold the user's version. Keep it (do not change it back) and build on it:\n${lines.join('\n')}`,
    );
  }
  return parts.length === 0 ? undefined : parts.join('\n\n');
}

/**
 * Review notes queued between turns. The next turn of any run on the same plan drains them into
 * its user message, after the tool results (the API wants tool results first).
 */
export class FeedbackQueue {
  private notes: ReviewNote[] = [];

  add(note: ReviewNote): void {
    this.notes.push(note);
  }

  get size(): number {
    return this.notes.length;
  }

  /** The queued notes as one text block, or undefined when there are none; empties the queue. */
  drain(): TextBlock | undefined {
    const text = feedbackText(this.notes);
    this.notes = [];
    return text === undefined ? undefined : { type: 'text', text };
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
