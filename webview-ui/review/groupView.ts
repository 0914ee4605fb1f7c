/**
 * The reading order's list items: a group's header, which says why the group sits where it does,
 * and the one line that stands for a generated file or lockfile until the reviewer opens it. The
 * line keeps the whole-file actions, so such a file is decided without reading it.
 */
import type { Tier } from '../../src/shared/readingOrder';
import type { ReviewFile } from '../../src/shared/reviewProtocol';
import { codicon, h } from '../vscodeApi';
import type { ReviewModel } from './model';

const TIER_ICON: Record<Tier, string> = { flagged: 'warning', source: 'code', tests: 'beaker', generated: 'package' };

export function renderGroupHeader(intent: string | undefined, tier: Tier, reason: string, count: number): HTMLElement {
  return h(
    'div',
    { className: `group-head tier-${tier}`, attrs: { 'data-tier': tier } },
    codicon(TIER_ICON[tier]),
    h('h3', { text: intent ?? reason, attrs: { title: intent ?? reason } }),
    intent === undefined ? h('span') : h('span', { className: 'reason', text: reason }),
    h('span', { className: 'grow' }),
    h('span', { className: 'count', text: `${count} hunk${count === 1 ? '' : 's'}` }),
  );
}

export function renderCollapsedFile(model: ReviewModel, fileIndex: number, lines: number, expanded: boolean, readOnly: boolean): HTMLElement {
  const file = model.files[fileIndex] as ReviewFile;
  let open = 0;
  const flags: string[] = [];
  for (const i of model.ofFile(fileIndex)) {
    const hunk = model.hunks[i];
    if (hunk && model.isOpen(hunk)) open++;
    if (hunk && hunk.state === 'pending') for (const f of hunk.flags) flags.push(f.reason);
  }
  const summary = `${file.path}: ${lines} line${lines === 1 ? '' : 's'}, generated`;
  const toggle = h(
    'button',
    {
      className: 'btn toggle-file',
      attrs: {
        type: 'button',
        'data-action': 'toggleFile',
        'data-file': String(fileIndex),
        'aria-expanded': String(expanded),
        title: expanded ? 'Collapse: leave its hunks out of paging' : 'Show its hunks',
      },
    },
    codicon(expanded ? 'chevron-down' : 'chevron-right'),
    h('span', { className: 'path', text: summary }),
  );
  const fileButton = (action: 'acceptFile' | 'rejectFile', icon: string, text: string, key: string): HTMLButtonElement => {
    const label = `${action === 'acceptFile' ? 'Accept' : 'Reject'} every hunk of ${file.path}`;
    const button = h(
      'button',
      { className: 'btn', attrs: { type: 'button', 'data-action': action, 'data-file': String(fileIndex), 'aria-label': label, title: `${label} (${key})` } },
      codicon(icon),
      h('span', { text }),
    );
    button.disabled = readOnly || open === 0;
    return button;
  };
  return h(
    'div',
    { className: 'file-head collapsed-file', attrs: { 'data-file': String(fileIndex), 'data-action': 'toggleFile' } },
    toggle,
    h('span', { className: 'count', text: `${open} open` }),
    flags.length === 0
      ? h('span')
      : h('span', { className: 'badge flag', attrs: { title: flags.join('\n') } }, codicon('warning'), h('span', { text: ` ${flags.length} flagged` })),
    h('span', { className: 'grow' }),
    fileButton('acceptFile', 'check-all', 'Accept file', 'Shift+A'),
    fileButton('rejectFile', 'close-all', 'Reject file', 'Shift+R'),
  );
}
