import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ok } from '../../src/core/result';
import { editPlanText, type PlanChanges } from '../../src/vscode/agent/planWriter';
import { write } from './agentSupport';

/** Replaces the first `from` in the plan's text with `to`. */
const replace =
  (from: string, to: string): PlanChanges =>
  (text) => {
    const start = text.indexOf(from);
    return ok({ changes: start === -1 ? [] : [{ start, end: start + from.length, text: to }] });
  };

// A build writes its plan from two places at once: the panel sets the status while the run marks
// its first step. Each write must reach the disk, not only the editor's buffer.
describe('plan writes that overlap', function () {
  this.timeout(30_000);

  it('each waits for the one before it to be saved, and both end on disk with nothing left unsaved', async () => {
    const file = write('.redline/plans/overlapping-writes.md', '---\ntitle: Overlap\nstatus: approved\n---\n\n## Steps\n\n- [ ] One <!-- id: s1 -->\n');
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    let second: Promise<unknown> | undefined;
    let diskWhenSecondRead: string | undefined;
    // The second write begins the moment the first one's edit is in the document, before its save.
    const started = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== uri.toString() || second !== undefined) return;
      second = editPlanText(uri, (text) => {
        diskWhenSecondRead = fs.readFileSync(file, 'utf8');
        return replace('- [ ] One', '- [x] One')(text);
      });
    });
    try {
      const first = await editPlanText(uri, replace('status: approved', 'status: building'));
      assert.ok(first.ok && first.value, 'the first write did not change the plan');
      assert.ok(second, 'the second write never began');
      await second;
    } finally {
      started.dispose();
    }
    const disk = fs.readFileSync(file, 'utf8');
    assert.match(disk, /status: building/, 'the status never reached the disk');
    assert.match(disk, /- \[x\] One/, 'the step mark never reached the disk');
    assert.equal(doc.isDirty, false, 'the plan was left with unsaved changes');
    assert.equal(doc.getText(), disk, 'the editor and the disk disagree');
    assert.match(diskWhenSecondRead ?? '', /status: building/, 'the second write began before the first one was saved');
  });
});
