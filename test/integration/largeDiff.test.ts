import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { computeHunks } from '../fixtures/computeHunks';
import type { RedlineApi } from '../../src/shared/api';
import { generatePair } from '../fixtures/diffPairs';

describe('large proposals (diffed in the worker thread)', () => {
  it('a 30,000-line proposal gets the hunks of the pure diff, and accepting one writes exactly it', async () => {
    const ext = vscode.extensions.getExtension<RedlineApi>('redline.redline');
    assert.ok(ext, 'extension missing');
    const redline = await ext.activate();
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const { oldText, newText } = generatePair({ lines: 30_000, changed: 0.01, layout: 'scattered', seed: 5 });
    const abs = path.join(root, 'src', 'large.txt');
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, oldText);
    const id = await redline.proposeChanges({ title: 'large', files: [{ path: 'src/large.txt', newText }] });
    const hunks = redline.getChangeset(id)?.files[0]?.hunks ?? [];
    const expected = computeHunks(oldText, newText, { emphasis: false });
    assert.ok(expected.ok);
    assert.deepEqual(
      hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]),
      expected.value.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]),
      'the changeset has the hunks of the diff',
    );
    const target = expected.value[Math.floor(expected.value.length / 2)];
    const hunk = hunks[Math.floor(hunks.length / 2)];
    assert.ok(target && hunk);
    await redline.decide(id, hunk.id, 'accept');
    const lines = oldText.split(/(?<=\n)/);
    const start = target.oldLines === 0 ? target.oldStart : target.oldStart - 1;
    const replaced = [
      ...lines.slice(0, start),
      ...target.lines.filter((l) => l.kind !== 'removed').map((l) => l.text + l.eol),
      ...lines.slice(start + target.oldLines),
    ].join('');
    assert.equal(fs.readFileSync(abs, 'utf8'), replaced, 'accept wrote exactly that hunk');
  });
});
