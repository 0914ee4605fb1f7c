import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createDiskSearch } from '../../src/node/search/diskSearch';
import { findRipgrep } from '../../src/node/search/ripgrepPath';
import { timedSearch } from '../../src/node/search/timedSearch';
import { inputBoxQuestions } from '../../src/vscode/agent/questions';
import { generateRepo, type GeneratedRepo, NEEDLE } from '../fixtures/search/generatedRepo';
import { lastToolResults, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { openWindow, resetSettings, startDouble, type TestWindow, waitFor, write, writePlan } from './agentSupport';

describe('search with the rg VS Code ships, and ask_user, in the extension host', function () {
  this.timeout(120_000);

  describe('a generated repository of 20,000 files', () => {
    let repo: GeneratedRepo;
    before(() => {
      repo = generateRepo();
    });
    after(() => repo.remove());

    const rg = (): string => {
      const found = findRipgrep(vscode.env.appRoot);
      assert.ok(found, `VS Code ships rg under ${vscode.env.appRoot}; it was not found there`);
      return found;
    };
    const scope = () => ({ roots: [{ absolute: repo.root, prefix: '' }], excludes: [], searchable: () => true });
    const query = { pattern: NEEDLE, isRegex: false, ignoreCase: false, context: 0, maxHits: 200, skip: new Set<string>() };

    it('finds the needle in file 19,000, and nothing under the gitignored dist/', async () => {
      const search = createDiskSearch({ rgPath: rg(), patterns: timedSearch(), timeLimitMs: 60_000 });
      assert.equal(search.engine, 'ripgrep');
      const found = await search.searchText(scope(), query);
      assert.ok(found.ok, found.ok ? '' : found.message);
      assert.deepEqual(found.value, {
        files: [{ path: repo.needleFile, matches: 1, lines: [{ line: repo.needleLine, text: `  const ${NEEDLE} = input.id * ${19_000 % 13};`, match: true }] }],
      });
      // A glob that names the ignored folder does not open it (an rg --glob would whitelist it).
      const named = await search.searchText(scope(), { ...query, glob: 'dist/**' });
      assert.deepEqual(named, { ok: true, value: { files: [] } });
      const listed = await search.findFiles(scope(), { glob: '{dist/**,*.log}', limit: 10, sort: 'path' });
      assert.deepEqual(listed, { ok: true, value: { paths: [] } });
    });

    it('a search cut by its hit limit says so, with every kept match whole', async () => {
      const search = createDiskSearch({ rgPath: rg(), patterns: timedSearch(), timeLimitMs: 60_000 });
      const found = await search.searchText(scope(), { ...query, pattern: 'export function compute', maxHits: 25, context: 1 });
      assert.ok(found.ok, found.ok ? '' : found.message);
      assert.deepEqual(found.value.cut, { by: 'hits', limit: 25 });
      assert.equal(
        found.value.files.reduce((n, f) => n + f.matches, 0),
        25,
      );
      for (const file of found.value.files)
        assert.deepEqual(
          file.lines.map((l) => l.line),
          [7, 8, 9],
          `${file.path}: the match and one line of context each side`,
        );
      const files = await search.findFiles(scope(), { glob: 'src/pkg19/**', limit: 10, sort: 'path' });
      assert.ok(files.ok);
      assert.deepEqual(files.value, { paths: repo.files.filter((f) => f.startsWith('src/pkg19/')).slice(0, 10), cut: { by: 'hits', limit: 10 } });
    });
  });

  describe('through an agent run in the workspace', () => {
    let double: MessagesDouble | undefined;
    let win: TestWindow | undefined;
    let storage: string;
    beforeEach(() => {
      storage = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-search-'));
    });
    afterEach(async () => {
      win?.dispose();
      win = undefined;
      await double?.close();
      double = undefined;
      await resetSettings();
      fs.rmSync(storage, { recursive: true, force: true });
    });

    it('search_text honours a nested .gitignore, sees unsaved edits and the proposals, and says when it is cut', async () => {
      const unsaved = await vscode.workspace.openTextDocument(write('src/agent-search/c.txt', 'saved text\n'));
      const editor = await vscode.window.showTextDocument(unsaved);
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, 0, 10), 'marker_q9 unsaved'));
      assert.ok(unsaved.isDirty);
      write('src/agent-search/.gitignore', 'dist/\n');
      write('src/agent-search/dist/out.js', 'const marker_q9 = 1;\n');
      write('src/agent-search/a.txt', 'marker_q9 one\nmarker_q9 two\nmarker_q9 three\n');
      write('src/agent-search/b.txt', 'plain\n');
      const plan = writePlan('agent-search');
      const glob = 'src/agent-search/**';
      double = await startDouble(({ body }) =>
        turnOf(body) === 0
          ? toolReply([
              { name: 'search_text', input: { pattern: 'marker_q9', glob } },
              { name: 'propose_edit', input: { path: 'src/agent-search/b.txt', old_string: 'plain', new_string: 'marker_q9 proposed', step: 'Step 1' } },
              { name: 'search_text', input: { pattern: 'MARKER_Q9 (two|proposed)', is_regex: true, ignore_case: true, glob } },
              { name: 'search_text', input: { pattern: 'marker_q9', glob, head_limit: 2 } },
            ])
          : textReply('Done.'),
      );
      win = openWindow(storage);
      const started = await win.runs.start({ plan, mode: 'build' });
      assert.ok(started.ok, started.ok ? '' : started.message);
      const run = await waitFor('the run to end', () => win?.runs.get(started.value)?.state !== 'running' && win?.runs.get(started.value), 60_000);
      assert.equal(run.state, 'done', run.error);
      const results = lastToolResults(double.messageRequests()[1]!.body).map((r) => r.text);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      assert.equal(
        results[0],
        'src/agent-search/a.txt:1: marker_q9 one\nsrc/agent-search/a.txt:2: marker_q9 two\nsrc/agent-search/a.txt:3: marker_q9 three\nsrc/agent-search/c.txt:1: marker_q9 unsaved',
        'the unsaved text is searched, as the user sees it',
      );
      assert.equal(results[2], 'src/agent-search/a.txt:2: marker_q9 two\nsrc/agent-search/b.txt:1: marker_q9 proposed');
      assert.match(
        results[3] ?? '',
        /^src\/agent-search\/a\.txt:1: marker_q9 one\nsrc\/agent-search\/a\.txt:2: marker_q9 two\n\[cut: stopped at the limit of 2 matching lines; there are more/,
      );
    });
  });

  describe('ask_user as an input box', () => {
    it('Stop closes the question: the answer is cancelled', async () => {
      const stop = new AbortController();
      const asked = inputBoxQuestions.ask({ text: 'Kebab or snake?', from: '.redline/plans/x.md' }, stop.signal);
      await new Promise((resolve) => setTimeout(resolve, 300));
      stop.abort();
      assert.deepEqual(await asked, { kind: 'cancelled' });
    });

    it('a question closed without an answer is dismissed', async () => {
      const asked = inputBoxQuestions.ask({ text: 'Kebab or snake?', from: '.redline/plans/x.md' }, new AbortController().signal);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.deepEqual(await asked, { kind: 'dismissed' });
    });
  });
});
