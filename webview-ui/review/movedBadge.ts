/** The moved-code badge of a hunk's head: "moved from `a.ts:120`" and its kin (see moved.ts). */
import type { ReviewHunk } from '../../src/shared/reviewProtocol';
import { codicon, h } from '../vscodeApi';
import { withCode } from './inlineCode';
import type { ReviewModel } from './model';

/** The badge of a hunk that moved code comes to or leaves, if any. */
export function movedBadge(model: ReviewModel, hunk: ReviewHunk): HTMLElement | undefined {
  const merged = model.moved.merged(model, hunk);
  const { to, from } = model.moved.of(hunk);
  let text: string;
  if (merged) text = `${merged.reindented ? 're-indented, moved' : 'moved'} from \`${where(model, merged.from, merged.fromLine)}\``;
  else if (to) text = `contains code moved from \`${where(model, to.from, to.fromLine)}\``;
  else if (from) text = `code moved to \`${where(model, from.to, from.toLine)}\``;
  else if (hunk.whitespaceOnly) text = 'whitespace only';
  else return undefined;
  const title = merged
    ? `${merged.lines} lines moved${merged.reindented ? ' and re-indented' : ''}: accepting or rejecting decides both places as one step`
    : text.replace(/`/g, '');
  return h(
    'span',
    { className: 'badge moved', attrs: { title, role: 'note' } },
    codicon(merged || to || from ? 'arrow-swap' : 'whitespace'),
    ...withCode(text),
  );
}

function where(model: ReviewModel, hunkId: string, line: number): string {
  const hunk = model.get(hunkId);
  return `${(hunk && model.files[hunk.file]?.path) ?? '?'}:${line}`;
}
