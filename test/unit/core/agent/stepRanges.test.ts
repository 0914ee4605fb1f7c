import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ProposalOverlay } from '../../../../src/core/agent/overlay';
import { MemoryFiles } from './fakes';

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('agent: step ranges in the overlay', () => {
  it("each edit's range still points at the lines it wrote after later edits elsewhere (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
        async (targets, inserted) => {
          const overlay = new ProposalOverlay(new MemoryFiles(new Map([['f.ts', lines(30)]])));
          for (const [i, target] of targets.entries()) {
            const extra = Array.from({ length: inserted[i] ?? 0 }, (_, k) => `step${i} extra ${k}\n`).join('');
            const result = await overlay.edit('f.ts', `line ${target}\n`, `step${i} line ${target}\n${extra}`, `s${i}`);
            assert.ok(result.ok, result.ok ? '' : result.message);
          }
          const [file] = overlay.all();
          const text = (file?.proposedText ?? '').split('\n');
          for (const range of file?.stepRanges ?? []) {
            const covered = text.slice(range.startLine - 1, range.endLine);
            assert.ok(
              covered.length > 0 && covered.every((l) => l.startsWith(`step${range.step.slice(1)} `)),
              `${range.step} ${range.startLine}-${range.endLine}: ${covered.join('|')}`,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a whole-line deletion leaves an empty range at the point of removal', async () => {
    const overlay = new ProposalOverlay(new MemoryFiles(new Map([['f.ts', lines(5)]])));
    await overlay.edit('f.ts', 'line 2\nline 3\n', '', 's1');
    await overlay.edit('f.ts', 'line 1\n', 'line one\nline 1b\n', 's2');
    assert.deepEqual(overlay.all()[0]?.stepRanges, [
      { startLine: 3, endLine: 2, step: 's1' },
      { startLine: 1, endLine: 2, step: 's2' },
    ]);
  });

  it('a CRLF file matches an LF old_string and keeps its line endings', async () => {
    const overlay = new ProposalOverlay(new MemoryFiles(new Map([['f.ts', 'a\r\nb\r\nc\r\n']])));
    const result = await overlay.edit('f.ts', 'a\nb', 'a\nB', 's1');
    assert.ok(result.ok);
    assert.equal(overlay.all()[0]?.proposedText, 'a\r\nB\r\nc\r\n');
  });

  it('a checkpoint rollback drops everything proposed since', async () => {
    const overlay = new ProposalOverlay(new MemoryFiles(new Map([['f.ts', 'x\n']])));
    await overlay.edit('f.ts', 'x', 'y', 's1');
    overlay.takeChanged();
    const checkpoint = overlay.checkpoint();
    await overlay.edit('f.ts', 'y', 'z', 's1');
    await overlay.create('g.ts', 'new', 's1');
    overlay.rollback(checkpoint);
    assert.deepEqual(
      overlay.all().map((f) => [f.path, f.proposedText]),
      [['f.ts', 'y\n']],
    );
    assert.deepEqual(overlay.takeChanged(), [], 'nothing of the rolled-back edits is left to flush');
  });
});
