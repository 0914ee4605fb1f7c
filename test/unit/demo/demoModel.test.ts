import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseJsonScript, type JsonScript } from '../../double/jsonScript';

// The offline demo plays examples/demo-model.json against examples/demo-workspace. If either is
// edited without the other, the demo's edits stop applying; this catches it before a newcomer does.
const root = path.resolve(__dirname, '..', '..', '..');
const workspace = path.join(root, 'examples', 'demo-workspace');

function loadScript(): JsonScript {
  const parsed = parseJsonScript(readFileSync(path.join(root, 'examples', 'demo-model.json'), 'utf8'));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
  return parsed.script;
}

interface ToolUse {
  name: string;
  input: Record<string, unknown>;
}

/** The tool calls of the rules, in the order a run meets them: the build's, then the fix request's. */
function toolUses(script: JsonScript): ToolUse[] {
  const isFix = (r: JsonScript['rules'][number]): boolean => r.match.lastUserContains?.includes("reviewer's comment") === true;
  return [...script.rules.filter((r) => !isFix(r)), ...script.rules.filter(isFix)]
    .flatMap((rule) => (rule.reply.kind === 'reply' ? rule.reply.content : []))
    .filter((block): block is { type: 'tool_use'; name: string; input: Record<string, unknown> } & typeof block => block.type === 'tool_use')
    .map((block) => ({ name: block.name, input: block.input as Record<string, unknown> }));
}

/** tsc's complaints about a folder with the demo's tsconfig, '' when it has none. */
function typeCheck(dir: string): string {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
  return run.status === 0 ? '' : `${run.stdout}${run.stderr}`.trim() || `tsc exited with ${String(run.status)}`;
}

describe('the offline demo script', () => {
  it('applies every proposal of the build and of the fix exactly once, in order, to the demo workspace', function () {
    // Two runs of tsc: seconds on a quiet machine, far more on a busy one.
    this.timeout(120_000);
    const files = new Map<string, string>();
    const text = (p: string): string => files.get(p) ?? readFileSync(path.join(workspace, p), 'utf8');
    const uses = toolUses(loadScript()).filter((u) => u.name === 'create_file' || u.name === 'propose_edit');
    assert.ok(uses.length >= 8, `expected the build's proposals and the fix, found ${uses.length}`);
    for (const { name, input } of uses) {
      const file = String(input.path);
      if (name === 'create_file') {
        assert.ok(!files.has(file), `${file} is created twice`);
        assert.throws(() => readFileSync(path.join(workspace, file)), `${file} already exists in the demo workspace`);
        files.set(file, String(input.content));
        continue;
      }
      const before = text(file);
      const old = String(input.old_string);
      const count = before.split(old).length - 1;
      assert.equal(count, 1, `the edit of ${file} matches ${count} times: ${JSON.stringify(old.slice(0, 60))}`);
      files.set(file, before.replace(old, String(input.new_string)));
    }
    assert.match(text('src/slugify.ts'), /RangeError/, 'the fix request did not land on slugify');

    // A newcomer opens these files in the editor: before and after the demo, no red squiggles.
    const copy = mkdtempSync(path.join(tmpdir(), 'redline-demo-'));
    try {
      cpSync(workspace, copy, { recursive: true });
      assert.equal(typeCheck(copy), '', 'the demo workspace as shipped does not type-check');
      for (const [file, content] of files) writeFileSync(path.join(copy, file), content);
      assert.equal(typeCheck(copy), '', 'the demo workspace after its proposals does not type-check');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('tags every proposal with a step of the plan it drafts, and names every changed file in its summary', () => {
    const script = loadScript();
    const uses = toolUses(script).filter((u) => u.name === 'create_file' || u.name === 'propose_edit');
    for (const { input } of uses) assert.match(String(input.step), /^s[1-4]$/, `${String(input.path)} has no plan step`);
    const summary = script.rules.find((r) => r.match.lastUserContains === 'able to fail');
    const said = summary?.reply.kind === 'reply' ? summary.reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('') : '';
    for (const file of new Set(uses.map((u) => String(u.input.path)))) assert.ok(said.includes(file), `the summary does not name ${file}`);
  });
});
