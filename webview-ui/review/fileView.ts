/**
 * File and step headers in the hunk list. They are list items like hunks, so the virtual list
 * places them the same way; a file header carries the whole-file actions (A / R).
 */
import type { ReviewFile } from '../../src/shared/reviewProtocol';
import { codicon, h } from '../vscodeApi';
import { plainText } from './codeSpans';
import type { ReviewModel } from './model';

const STATUS_ICON: Record<ReviewFile['status'], string> = { modified: 'diff-modified', added: 'diff-added', deleted: 'diff-removed', renamed: 'diff-renamed' };

export function renderFileHeader(model: ReviewModel, fileIndex: number, readOnly: boolean): HTMLElement {
  const file = model.files[fileIndex] as ReviewFile;
  const indexes = model.ofFile(fileIndex);
  let open = 0;
  for (const i of indexes) {
    const hunk = model.hunks[i];
    if (hunk && model.isOpen(hunk)) open++;
  }
  const title = h('h2', { className: 'path', attrs: { title: file.path } });
  if (file.oldPath && file.oldPath !== file.path)
    title.append(
      h('span', { className: 'old-path', text: file.oldPath }),
      h('span', { className: 'arrow', text: ' → ', attrs: { 'aria-label': 'renamed to' } }),
    );
  title.append(file.path);
  const count = file.note ? file.note : `${indexes.length} hunk${indexes.length === 1 ? '' : 's'} · ${open} open`;
  const attrs = (label: string, key: string, action: string) => ({
    type: 'button',
    'data-action': action,
    'data-file': String(fileIndex),
    'aria-label': label,
    title: `${label} (${key})`,
    'aria-keyshortcuts': key,
  });
  const accept = h(
    'button',
    { className: 'btn', attrs: attrs(`Accept every hunk of ${file.path}`, 'Shift+A', 'acceptFile') },
    codicon('check-all'),
    h('span', { text: 'Accept file' }),
  );
  const reject = h(
    'button',
    { className: 'btn', attrs: attrs(`Reject every hunk of ${file.path}`, 'Shift+R', 'rejectFile') },
    codicon('close-all'),
    h('span', { text: 'Reject file' }),
  );
  accept.disabled = readOnly || open === 0;
  reject.disabled = readOnly || open === 0;
  return h(
    'div',
    { className: `file-head fs-${file.status}`, attrs: { 'data-file': String(fileIndex) } },
    codicon(STATUS_ICON[file.status]),
    title,
    h('span', { className: 'badge status', text: file.status }),
    h('span', { className: 'count', text: count }),
    h('span', { className: 'grow' }),
    accept,
    reject,
  );
}

/** A step group's header: the step's number in the plan and its title. */
export function renderStepHeader(model: ReviewModel, step: string | undefined, count: number): HTMLElement {
  const n = step === undefined ? 0 : model.planSteps.findIndex((s) => s.id === step) + 1;
  const title = step === undefined ? 'Not tied to a plan step' : plainText(model.stepTitle(step));
  return h(
    'div',
    { className: 'step-head' },
    h('h2', { text: n > 0 ? `Step ${n} · ${title}` : title, attrs: { title } }),
    h('span', { className: 'count', text: `${count} hunk${count === 1 ? '' : 's'}` }),
  );
}
