// Review in the ordinary editor, in the real extension host: CodeLens, palette commands on the
// hunk under the cursor, the proposed-text diff, the Changesets tree and fix requests as comments.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { RedlineApi } from '../../src/shared/api';
import { lastToolResults, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { api, gate, read, resetSettings, startDouble, waitFor, write } from './agentSupport';
import { stubWindow, withoutAutoSave } from './editorSupport';

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');
const BASE = lines(30);
/** Two hunks: line 3 replaced (document line 2), a line added after line 20 (drawn on line 19). */
const PROPOSED = BASE.replace('line 3\n', 'line three\n').replace('line 20\n', 'line 20\nline 20b\n');

interface Lens {
  line: number;
  title: string;
  command: string;
  args: unknown[];
}

async function lensesOf(uri: vscode.Uri): Promise<Lens[]> {
  const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return all
    .filter((l) => l.command?.command.startsWith('redline.') || l.command?.title.includes('Stale'))
    .map((l) => ({ line: l.range.start.line, title: l.command!.title, command: l.command!.command, args: l.command!.arguments ?? [] }));
}

async function run(lens: Lens | undefined): Promise<unknown> {
  assert.ok(lens, 'the lens is missing');
  return vscode.commands.executeCommand(lens.command, ...lens.args);
}

async function proposeAndOpen(redline: RedlineApi, rel: string, proposed = PROPOSED, base = BASE) {
  const abs = write(rel, base);
  const doc = await vscode.workspace.openTextDocument(abs);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const id = await redline.proposeChanges({ title: `Edit ${rel}`, files: [{ path: rel, newText: proposed }] });
  const hunks = redline.getChangeset(id)!.files[0]!.hunks;
  return { abs, doc, editor, id, hunks };
}

describe('review in the ordinary editor', function () {
  this.timeout(60_000);
  withoutAutoSave();
  const restore: (() => void)[] = [];
  afterEach(async () => {
    for (const r of restore.splice(0)) r();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('CodeLens accept: Accept | Reject | Ask fix | Review on each hunk; the lens writes the file and the document, one undo restores', async () => {
    const redline = await api();
    const { abs, doc, id, hunks } = await proposeAndOpen(redline, 'src/editor/lens.ts');
    const lenses = await lensesOf(doc.uri);
    assert.deepEqual(
      lenses.map((l) => [l.line, l.title]),
      [
        [2, 'Accept'],
        [2, 'Reject'],
        [2, 'Ask fix'],
        [2, 'Review'],
        [19, 'Accept'],
        [19, 'Reject'],
        [19, 'Ask fix'],
        [19, 'Review'],
      ],
      "one row of lenses on each hunk's first line",
    );
    assert.deepEqual(lenses[4]!.args, [id, hunks[1]!.id], 'a lens passes the changeset and hunk ids');

    assert.equal(await run(lenses.find((l) => l.line === 19 && l.title === 'Accept')), true, 'the accept lens reported a failure');
    const accepted = BASE.replace('line 20\n', 'line 20\nline 20b\n');
    assert.equal(doc.getText(), accepted, 'the document must hold the accepted hunk');
    assert.equal(fs.readFileSync(abs, 'utf8'), accepted, 'the file on disk must hold the accepted hunk (saveOnAccept)');
    assert.deepEqual(
      redline.getChangeset(id)!.files[0]!.hunks.map((h) => h.state),
      ['pending', 'accepted'],
    );
    assert.deepEqual(
      (await lensesOf(doc.uri)).map((l) => l.line),
      [2, 2, 2, 2],
      'the accepted hunk keeps no lens',
    );

    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), BASE, 'one undo must restore the document as it was before the accept');
  });

  it('a hunk the user typed over shows as stale and cannot be accepted', async () => {
    const redline = await api();
    const { abs, doc, editor, id, hunks } = await proposeAndOpen(redline, 'src/editor/stale.ts');
    await editor.edit((b) => b.replace(new vscode.Range(2, 0, 2, 6), 'mine 3'));
    // The lens follows the typing at once (the session folds it in a moment later).
    const lenses = await lensesOf(doc.uri);
    const first = lenses.filter((l) => l.line === 2).map((l) => l.title);
    assert.match(first[0] ?? '', /^\$\(warning\) Stale: /, `the stale hunk's lens must say it is stale: ${first}`);
    assert.ok(!first.includes('Accept'), 'a stale hunk must not offer Accept');
    assert.deepEqual(lenses.filter((l) => l.line === 19).map((l) => l.title)[0], 'Accept', 'the untouched hunk stays acceptable');

    const errors: string[] = [];
    restore.push(stubWindow('showErrorMessage', async (m: unknown) => void errors.push(String(m))));
    const staleId = (lenses.find((l) => l.line === 2 && l.command === 'redline.rejectHunk')?.args[1] as string) ?? hunks[0]!.id;
    assert.equal(await vscode.commands.executeCommand('redline.acceptHunk', id, staleId), false, 'accepting a stale hunk must be refused');
    assert.match(errors.join('\n'), /stale/, 'the refusal must say the hunk is stale');
    assert.equal(fs.readFileSync(abs, 'utf8'), BASE, 'a refused accept must not write the file');
    assert.match(doc.getText(), /^mine 3$/m, "the user's text must survive");
    assert.equal(redline.getChangeset(id)!.files[0]!.hunks.find((h) => h.id === staleId)?.state, 'stale');
  });

  it('reject from the lens asks for a reason; from the palette the commands act on the hunk under the cursor', async () => {
    const redline = await api();
    const { abs, doc, editor, id } = await proposeAndOpen(redline, 'src/editor/palette.ts');
    const asked: unknown[] = [];
    restore.push(
      stubWindow('showInputBox', async (options: unknown) => {
        asked.push(options);
        return 'keep digits';
      }),
    );
    const lenses = await lensesOf(doc.uri);
    assert.equal(await run(lenses.find((l) => l.line === 2 && l.title === 'Reject')), true);
    assert.equal(asked.length, 1, 'reject must ask for a reason');
    assert.deepEqual(
      redline.getChangeset(id)!.files[0]!.hunks.map((h) => h.state),
      ['rejected', 'pending'],
    );
    assert.equal(fs.readFileSync(abs, 'utf8'), BASE, 'a reject writes nothing');

    const infos: string[] = [];
    restore.push(stubWindow('showInformationMessage', async (m: unknown) => void infos.push(String(m))));
    editor.selection = new vscode.Selection(10, 0, 10, 0);
    assert.equal(await vscode.commands.executeCommand('redline.acceptHunk'), false, 'no hunk under the cursor: nothing to accept');
    assert.match(infos.join('\n'), /no pending hunk under the cursor/);
    editor.selection = new vscode.Selection(19, 3, 19, 3);
    assert.equal(await vscode.commands.executeCommand('redline.acceptHunk'), true, 'the palette accept did not take the hunk under the cursor');
    assert.equal(fs.readFileSync(abs, 'utf8'), BASE.replace('line 20\n', 'line 20\nline 20b\n'));
    assert.deepEqual(
      redline.getChangeset(id)!.files[0]!.hunks.map((h) => h.state),
      ['rejected', 'accepted'],
    );
  });

  it('Open diff: the file against its proposed text in the diff editor, following decisions and typing', async () => {
    const redline = await api();
    const { abs, doc, id, hunks } = await proposeAndOpen(redline, 'src/editor/diff.ts');
    const right = await vscode.commands.executeCommand<vscode.Uri>('redline.openDiff', id, 'src/editor/diff.ts');
    assert.ok(right, 'openDiff returned no URI');
    assert.equal(right.scheme, 'redline-proposed');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(tab instanceof vscode.TabInputTextDiff, 'the active tab is not a diff editor');
    assert.equal(tab.original.toString(), doc.uri.toString(), 'the left side must be the file itself');
    assert.equal(tab.modified.toString(), right.toString());
    const proposedDoc = await vscode.workspace.openTextDocument(right);
    assert.equal(proposedDoc.getText(), PROPOSED, 'the right side must be the proposal');

    await redline.decide(id, hunks[0]!.id, 'reject');
    await waitFor('the proposed side to drop the rejected hunk', () => proposedDoc.getText() === BASE.replace('line 20\n', 'line 20\nline 20b\n'));
    // The diff editor replaced the file's editor: type through a WorkspaceEdit, as into any document.
    const typing = new vscode.WorkspaceEdit();
    typing.insert(doc.uri, new vscode.Position(0, 0), '// typed\n');
    assert.ok(await vscode.workspace.applyEdit(typing));
    await waitFor('the proposed side to follow the typing', () => proposedDoc.getText().startsWith('// typed\nline 1\n'));
    assert.equal(fs.readFileSync(abs, 'utf8'), BASE, 'opening a diff must not write the file');

    const created = await redline.proposeChanges({ files: [{ path: 'src/editor/new-file.ts', newText: 'export const x = 1;\n' }] });
    await vscode.commands.executeCommand('redline.openDiff', created, 'src/editor/new-file.ts');
    const created2 = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(created2 instanceof vscode.TabInputTextDiff);
    assert.equal(created2.original.scheme, 'redline-proposed', 'a file that does not exist yet is diffed against empty text');
    assert.equal((await vscode.workspace.openTextDocument(created2.original)).getText(), '');
    assert.equal((await vscode.workspace.openTextDocument(created2.modified)).getText(), 'export const x = 1;\n');
  });

  it("Review opens the changeset's Review panel from the lens", async () => {
    const redline = await api();
    const { doc, hunks } = await proposeAndOpen(redline, 'src/editor/review.ts');
    const lens = (await lensesOf(doc.uri)).find((l) => l.line === 19 && l.title === 'Review');
    assert.equal(await run(lens), hunks[1]!.id);
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await waitFor(`a review tab among ${labels().join(', ')}`, () => labels().some((t) => t === 'Review: Edit src/editor/review.ts'));
  });

  it('labels each lens row with its changeset when two changesets change the same file', async () => {
    const redline = await api();
    const { doc } = await proposeAndOpen(redline, 'src/editor/overlap.ts');
    const labels = async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [])
        .filter((l) => l.command?.title.startsWith('$(git-compare)'))
        .map((l) => `${l.range.start.line}: ${l.command!.title}`)
        .sort();
    assert.deepEqual(await labels(), [], 'one changeset needs no label');
    await redline.proposeChanges({ title: 'Second look', files: [{ path: 'src/editor/overlap.ts', newText: BASE.replace('line 10\n', 'line ten\n') }] });
    let shown: string[] = [];
    for (let tries = 0; tries < 100 && shown.length < 3; tries++) {
      shown = await labels();
      if (shown.length < 3) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(shown, [
      '19: $(git-compare) Edit src/editor/overlap.ts:',
      '2: $(git-compare) Edit src/editor/overlap.ts:',
      '9: $(git-compare) Second look:',
    ]);
  });

  describe('Ask fix: a comment thread at the hunk', () => {
    let double: MessagesDouble | undefined;
    afterEach(async () => {
      await double?.close();
      double = undefined;
      await resetSettings();
    });

    it('submitting the comment requests the fix; the thread shows it running, then the new revision', async () => {
      const redline = await api();
      const rel = 'src/editor/fix.ts';
      // The fix's reply is held until the thread has shown it running, which a short delay would race.
      const seenRunning = gate();
      double = await startDouble(({ body }) =>
        turnOf(body) === 0
          ? toolReply([{ name: 'propose_edit', input: { path: rel, old_string: 'line 20b', new_string: 'line 20b LOUDER', step: 'none' } }], undefined, {
              hold: seenRunning.opened,
            })
          : textReply('Made it louder.'),
      );
      const { abs, doc, id, hunks } = await proposeAndOpen(redline, rel);
      const lens = (await lensesOf(doc.uri)).find((l) => l.line === 19 && l.title === 'Ask fix');
      const thread = (await run(lens)) as vscode.CommentThread;
      assert.ok(thread, 'Ask fix returned no comment thread');
      assert.equal(thread.uri.toString(), doc.uri.toString());
      assert.equal(thread.range.start.line, 19, 'the thread must sit at the hunk');
      assert.equal(thread.canReply, true);

      const submitted = vscode.commands.executeCommand<boolean>('redline.submitFix', { thread, text: 'make it louder' });
      await waitFor('the thread to show the fix running', () => thread.comments.some((c) => c.label === 'running'));
      assert.equal(thread.comments[0]?.body, 'make it louder', "the reviewer's comment comes first");
      assert.equal(thread.canReply, false, 'no second request while one runs');
      seenRunning.open();
      const ok = await submitted;
      assert.equal(
        ok,
        true,
        `the fix request failed: ${JSON.stringify(thread.comments.map((c) => (typeof c.body === 'string' ? c.body : c.body.value)))} ${JSON.stringify(double.messageRequests().map((r) => lastToolResults(r.body)))}`,
      );

      const last = thread.comments[thread.comments.length - 1];
      assert.equal(last?.label, 'fixed', `the thread must end with the result: ${JSON.stringify(thread.comments.map((c) => c.label))}`);
      assert.match((last?.body as vscode.MarkdownString).value, /Revision 2 is in/);
      assert.ok(!thread.comments.some((c) => c.label === 'running'), 'the running note must be replaced by the result');
      assert.equal(thread.canReply, true);
      assert.match(JSON.stringify(double.messageRequests().map((r) => r.body)), /make it louder/, 'the comment must reach the model');
      const hunk = redline.getChangeset(id)!.files[0]!.hunks.find((h) => h.id === hunks[1]!.id);
      assert.deepEqual([hunk?.state, hunk?.revision], ['pending', 2], 'the hunk must have its next revision');
      assert.equal(read(rel), BASE, 'a fix is a proposal: the file is untouched');

      assert.equal(await run((await lensesOf(doc.uri)).find((l) => l.line === 19 && l.title === 'Accept')), true);
      assert.equal(fs.readFileSync(abs, 'utf8'), BASE.replace('line 20\n', 'line 20\nline 20b LOUDER\n'), 'accepting writes the revision');
    });
  });
});
