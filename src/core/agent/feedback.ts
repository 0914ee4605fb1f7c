import type { TextBlock } from './conversation';

/** A reviewer's rejection, told to the model so it does not propose the same thing again. */
export interface RejectionNote {
  path: string;
  hunkId: string;
  reason: string;
  /** The rejected lines, when the changeset can give them; helps the model recognise its change. */
  excerpt?: string;
}

const excerptCap = 2000;

/**
 * Rejections queued between turns. The next turn of any run on the same plan drains them into
 * its user message, after the tool results (the API wants tool results first).
 */
/** Rejections as the text the model reads, or undefined when there are none. */
export function feedbackText(notes: readonly RejectionNote[]): string | undefined {
  if (notes.length === 0) return undefined;
  const lines = notes.map((n) => {
    const excerpt = n.excerpt === undefined ? '' : `\n  Rejected change:\n${indent(n.excerpt.slice(0, excerptCap))}`;
    return `- The user rejected hunk ${n.hunkId} in ${n.path}: ${n.reason}${excerpt}`;
  });
  return `Review feedback since your last turn. Do not propose these changes again; take the reasons into account:\n${lines.join('\n')}`;
}

export class FeedbackQueue {
  private notes: RejectionNote[] = [];

  add(note: RejectionNote): void {
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
