import * as assert from 'node:assert/strict';
import type { Changeset } from '../../../../src/core/changeset/types';
import { buildGitFile, type GitTexts } from '../../../../src/core/git/gitFile';

export const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`): string => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');

/** A working-tree changeset of the given files, built as the review builds it. */
export function gitChangeset(texts: GitTexts[]): Changeset {
  const taken = new Set<string>();
  const files = texts.map((t) => {
    const built = buildGitFile(t, 3, taken);
    assert.ok(built.ok, built.ok ? '' : built.message);
    return built.value.file;
  });
  return { id: 'git', title: 'Working tree', source: 'git', files, undo: [] };
}
