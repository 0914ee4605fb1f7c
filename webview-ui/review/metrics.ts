/**
 * Measures the parts of a hunk once, from an invisible probe rendered with the real code and CSS,
 * so height estimates follow the user's editor font size and the theme instead of constants.
 * Done while idle before the first state arrives, it also pays the one-time costs (the first
 * layout with the editor font, compiling the TypeScript grammar) outside the first paint.
 */
import type { ReviewHunk, ReviewState } from '../../src/shared/reviewProtocol';
import { renderFileHeader, renderStepHeader } from './fileView';
import { renderGroupHeader } from './groupView';
import { renderHunk, type HunkContext } from './hunkView';
import type { Metrics } from './items';
import { ReviewModel } from './model';

const PROBE_HUNK: ReviewHunk = {
  id: 'probe',
  file: 0,
  state: 'stale',
  staleReason: 'probe',
  revision: 1,
  oldStart: 5,
  oldLines: 2,
  newStart: 5,
  newLines: 2,
  lines: [
    [0, 'const probe = 1;'],
    [0, 'export function measure(): void {}'],
  ],
  flags: [],
  steps: [],
};

const PROBE_STATE: ReviewState = {
  changesetId: 'probe',
  layout: 'unified',
  hunks: [PROBE_HUNK],
  header: { title: '', source: '', claimMismatches: [] },
  files: [{ path: 'probe.ts', status: 'modified', language: 'typescript' }],
};

function outer(el: Element | null): number {
  if (!(el instanceof HTMLElement)) return 0;
  const style = getComputedStyle(el);
  return el.getBoundingClientRect().height + (parseFloat(style.marginTop) || 0) + (parseFloat(style.marginBottom) || 0);
}

export function measureMetrics(container: HTMLElement): Metrics {
  const model = new ReviewModel();
  model.load(PROBE_STATE);
  const ctx: HunkContext = {
    model,
    layout: 'unified',
    readOnly: false,
    focusedId: undefined,
    showPrevious: new Set(),
    selection: { hunkId: 'probe', selected: new Set(), cursor: 0, anchor: 0 },
    box: { hunkId: 'probe', kind: 'fix', draft: '' },
  };
  const probe = document.createElement('div');
  probe.className = 'probe';
  probe.setAttribute('aria-hidden', 'true');
  const hunk = renderHunk(ctx, PROBE_HUNK);
  const file = renderFileHeader(model, 0, false);
  const step = renderStepHeader(model, 'probe', 1);
  const group = renderGroupHeader('probe', 'source', 'source', 1);
  probe.append(hunk, file, step, group);
  container.append(probe);
  const row = outer(hunk.querySelector('.row'));
  const head = outer(hunk.querySelector('.hunk-head'));
  const note = outer(hunk.querySelector('.note'));
  const expand = outer(hunk.querySelector('.expand'));
  const selbar = outer(hunk.querySelector('.selbar'));
  const box = outer(hunk.querySelector('.box'));
  const total = outer(hunk);
  const metrics: Metrics = {
    row,
    head,
    note,
    expand,
    selbar,
    box,
    base: Math.max(0, total - head - note - 2 * expand - 2 * row - selbar - box),
    file: outer(file),
    step: outer(step),
    group: outer(group),
  };
  probe.remove();
  return metrics;
}
