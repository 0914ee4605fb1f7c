import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { viewHunks } from '../../../../src/core/changeset/view';
import { findMoves, packMoveInput, type Move, type MoveHunk } from '../../../../src/core/diff/movedCode';

const KIND = { context: 0, removed: 1, added: 2 } as const;

/** The hunks of a changeset of these files, as the review panel shows them (file by file). */
export function hunksOf(files: readonly { path: string; base: string | null; proposed: string | null }[]): MoveHunk[] {
  const cs = createChangeset({
    id: 'cs',
    title: 't',
    source: 'agent',
    files: files.map((f) => ({ path: f.path, baseText: f.base, proposedText: f.proposed })),
  });
  assert.ok(cs.ok, cs.ok ? '' : cs.message);
  return cs.value.files.flatMap((file, index) =>
    viewHunks(file, { emphasis: false }).map((v) => ({
      file: index,
      oldStart: v.oldStart,
      newStart: v.newStart,
      lines: v.lines.map((l) => [KIND[l.kind], l.text] as const),
    })),
  );
}

/** The moves of these hunks, through the packed form the worker receives. */
export const moves = (hunks: readonly MoveHunk[]): Move[] => findMoves(packMoveInput(hunks));
