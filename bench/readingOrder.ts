/**
 * The reading order of 20,000 hunks in 2,000 files (a tenth of them flagged, tests, generated
 * files and lockfiles among them, twenty intents): the pure grouping and ordering, and the Review
 * panel's whole display list in reading order built from it. Medians of several runs after a
 * warm-up.
 *   node --import tsx bench/readingOrder.ts   → one JSON line
 */
import { readingOrder, type FileKind } from '../src/shared/readingOrder';
import type { ReviewFile, ReviewHunk } from '../src/shared/reviewProtocol';
import { buildListItems } from '../webview-ui/review/listItems';
import { ReviewModel } from '../webview-ui/review/model';

const FILES = 2_000;
const HUNKS = 20_000;
const RUNS = 15;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const KINDS: (ReviewFile['kind'] | undefined)[] = [undefined, undefined, undefined, 'test', undefined, 'generated', undefined, 'lockfile'];

function changeset(): { files: ReviewFile[]; hunks: ReviewHunk[] } {
  const files = Array.from({ length: FILES }, (_, i): ReviewFile => {
    const kind = KINDS[i % KINDS.length];
    return { path: `src/m${i}.ts`, status: 'modified', language: 'typescript', ...(kind ? { kind } : {}) };
  });
  const hunks = Array.from({ length: HUNKS }, (_, i): ReviewHunk => {
    const intent = i % 7 === 0 ? undefined : `intent ${(i * 13) % 20}`;
    return {
      id: `h${i}`,
      file: Math.floor(i / (HUNKS / FILES)),
      state: 'pending',
      revision: 1,
      oldStart: 10 * i + 1,
      oldLines: 2,
      newStart: 10 * i + 1,
      newLines: 2,
      lines: [
        [1, 'before'],
        [2, 'after'],
      ],
      flags: i % 10 === 0 ? [{ id: 'skip-added', reason: 'a test is skipped' }] : [],
      steps: [],
      ...(intent === undefined ? {} : { intent }),
    };
  });
  return { files, hunks };
}

function main(): void {
  const { files, hunks } = changeset();
  const model = new ReviewModel();
  model.load({ changesetId: 'bench', header: { title: 'bench', source: 'bench', claimMismatches: [] }, files, hunks, layout: 'unified' });
  const kindOf = (file: number): FileKind => files[file]?.kind ?? 'source';
  const options = { groupByStep: false, stepFilter: undefined, order: 'reading' as const, expanded: new Set<number>() };
  let groups = 0;
  let items = 0;
  for (let i = 0; i < 3; i++) {
    groups = readingOrder(hunks, kindOf).length;
    items = buildListItems(model, options).length;
  }
  const order: number[] = [];
  const list: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    order.push(time(() => readingOrder(hunks, kindOf)));
    list.push(time(() => buildListItems(model, options)));
  }
  console.log(JSON.stringify({ hunks: HUNKS, files: FILES, groups, items, orderMedianMs: median(order), listMedianMs: median(list), budgetMs: 50 }));
}

main();
