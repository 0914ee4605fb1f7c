import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RedlineApi } from '../../src/shared/api';
import { waitFor } from './agentSupport';

const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');

async function api(): Promise<RedlineApi> {
  const ext = vscode.extensions.getExtension<RedlineApi>('redline.redline');
  assert.ok(ext, 'extension missing');
  const exported = await ext.activate();
  assert.equal(exported.apiVersion, 1, 'activate() must return the API with apiVersion 1');
  return exported;
}

function write(rel: string, text: string): string {
  const abs = path.join(root(), rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
  return abs;
}

describe('public API: propose, review, decide', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('round trip: a proposal changes nothing on disk; accept writes that hunk only; reject keeps the file', async () => {
    const redline = await api();
    const base = lines(30);
    const abs = write('src/roundtrip.ts', base);
    const proposed = base.replace('line 3\n', 'line three\n').replace('line 27\n', 'line twenty-seven\n');
    const events: string[] = [];
    const sub = redline.onDidChange((e) => events.push(`${e.kind}:${e.id}`));
    const id = await redline.proposeChanges({ title: 'Spell out numbers', files: [{ path: 'src/roundtrip.ts', newText: proposed }] });
    assert.equal(fs.readFileSync(abs, 'utf8'), base, 'proposing must not touch the file');
    const snap = redline.getChangeset(id);
    assert.ok(snap, 'getChangeset returned nothing for a new id');
    assert.equal(snap.title, 'Spell out numbers');
    assert.equal(snap.source, 'api');
    assert.deepEqual(
      snap.files.map((f) => [f.path, f.status]),
      [['src/roundtrip.ts', 'modified']],
    );
    const [first, second] = snap.files[0]!.hunks;
    assert.ok(first && second, 'expected two hunks');
    assert.deepEqual([first.state, first.revision, first.oldStart, first.oldLines, first.newStart, first.newLines], ['pending', 1, 1, 6, 1, 6]);

    await redline.decide(id, second.id, 'accept');
    assert.equal(fs.readFileSync(abs, 'utf8'), base.replace('line 27\n', 'line twenty-seven\n'), 'accept must write exactly that hunk (saveOnAccept is on)');
    await redline.decide(id, first.id, 'reject', 'keep digits here');
    assert.equal(fs.readFileSync(abs, 'utf8'), base.replace('line 27\n', 'line twenty-seven\n'), 'reject must not write');
    const after = redline.getChangeset(id)!.files[0]!.hunks.map((h) => h.state);
    assert.deepEqual(after, ['rejected', 'accepted']);
    assert.ok(events.includes(`changeset:${id}`), `onDidChange did not fire for the changeset: ${events}`);
    sub.dispose();
  });

  it('accept keeps a UTF-8 BOM on disk, in an open document and in a closed one, and edits the first line in place', async () => {
    const redline = await api();
    const BOM = '\uFEFF';
    for (const open of [true, false]) {
      const rel = `src/bom-${open ? 'open' : 'closed'}.ts`;
      const base = BOM + lines(12);
      const abs = write(rel, base);
      if (open) await vscode.window.showTextDocument(vscode.Uri.file(abs));
      const proposed = base.replace('line 1\n', 'line one\n').replace('line 11\n', 'line eleven\n');
      const id = await redline.proposeChanges({ files: [{ path: rel, newText: proposed }] });
      for (const hunk of redline.getChangeset(id)!.files[0]!.hunks) await redline.decide(id, hunk.id, 'accept');
      assert.equal(fs.readFileSync(abs, 'utf8'), proposed, `${rel}: the BOM and both accepted hunks are on disk, nothing else`);
    }
  });

  it("accept is one undo step in the editor, and keeps the user's unsaved edits", async () => {
    // The web workbench saves after a second by default; on a busy machine that would save the
    // user's typing before the accept. The desktop default keeps it unsaved.
    const files = vscode.workspace.getConfiguration('files');
    const autoSave = files.inspect<string>('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    try {
      await acceptKeepsUnsavedEdits();
    } finally {
      await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    }
  });

  async function acceptKeepsUnsavedEdits(): Promise<void> {
    const redline = await api();
    const base = lines(40);
    const abs = write('src/unsaved.ts', base);
    const doc = await vscode.workspace.openTextDocument(abs);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.replace(new vscode.Range(4, 0, 4, 6), 'USER 5'));
    assert.ok(doc.isDirty);
    const id = await redline.proposeChanges({ files: [{ path: 'src/unsaved.ts', newText: base.replace('line 35\n', 'line 35 proposed\n') }] });
    const [hunk] = redline.getChangeset(id)!.files[0]!.hunks;
    await redline.decide(id, hunk!.id, 'accept');
    assert.match(doc.getText(), /^USER 5$/m, 'the unsaved user edit was lost');
    assert.match(doc.getText(), /^line 35 proposed$/m, 'the accepted hunk is not in the document');
    assert.equal(fs.readFileSync(abs, 'utf8'), base, 'a document with unsaved user text must not be saved by an accept');
    await vscode.commands.executeCommand('undo');
    assert.doesNotMatch(doc.getText(), /line 35 proposed/, 'one undo must take the accepted hunk back');
    assert.match(doc.getText(), /^USER 5$/m, 'undo took the user edit too: the accept was not one undo step');
  }

  it('creates and deletes files on accept', async () => {
    const redline = await api();
    const gone = write('src/gone.txt', 'bye\n');
    const id = await redline.proposeChanges({
      files: [
        { path: 'src/created.txt', newText: '\uFEFFa\r\nb' },
        { path: 'src/gone.txt', newText: null },
      ],
    });
    const [created, deleted] = redline.getChangeset(id)!.files;
    assert.deepEqual([created!.status, deleted!.status], ['added', 'deleted']);
    await redline.decide(id, created!.hunks[0]!.id, 'accept');
    await redline.decide(id, deleted!.hunks[0]!.id, 'accept');
    assert.deepEqual(
      [...fs.readFileSync(path.join(root(), 'src/created.txt'))],
      [0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62],
      'created file is not byte for byte',
    );
    assert.equal(fs.existsSync(gone), false, 'accepting a null proposal must delete the file');
  });

  it('rejects bad calls with a message and changes nothing', async () => {
    const redline = await api();
    const outside = path.join(path.dirname(root()), 'outside.txt');
    const bad: [string, () => Promise<unknown>, RegExp][] = [
      ['no files', () => redline.proposeChanges({ files: [] }), /non-empty array/],
      ['not an object', () => redline.proposeChanges(null as never), /needs/],
      ['traversal', () => redline.proposeChanges({ files: [{ path: '../outside.txt', newText: 'x' }] }), /outside|parent/i],
      ['absolute outside', () => redline.proposeChanges({ files: [{ path: outside, newText: 'x' }] }), /outside/i],
      ['secret file', () => redline.proposeChanges({ files: [{ path: '.env', newText: 'KEY=1' }] }), /denied|deny/i],
      ['git internals', () => redline.proposeChanges({ files: [{ path: '.git/config', newText: 'x' }] }), /git/i],
      ['number text', () => redline.proposeChanges({ files: [{ path: 'a.ts', newText: 42 as never }] }), /string/],
      ['unknown changeset', () => redline.decide('nope', 'nope', 'accept'), /no changeset/],
      ['bad decision', () => redline.decide('nope', 'nope', 'maybe' as never), /accept' or 'reject/],
    ];
    for (const [name, call, message] of bad) {
      await assert.rejects(call, message, `${name}: expected a rejection matching ${message}`);
    }
    assert.equal(fs.existsSync(outside), false, 'a refused proposal wrote outside the workspace');
    assert.equal(redline.getChangeset('nope'), undefined);
  });

  it('opens the review panel for a changeset', async () => {
    const redline = await api();
    write('src/panel.ts', lines(5));
    const id = await redline.proposeChanges({ files: [{ path: 'src/panel.ts', newText: lines(5).replace('line 2', 'two') }] });
    const opened = await vscode.commands.executeCommand('redline.openReview', id);
    assert.equal(opened, id);
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await waitFor('a review tab', () => labels().some((t) => t.startsWith('Review:'))).catch(() => assert.fail(`no review tab among ${labels().join(', ')}`));
  });
});
