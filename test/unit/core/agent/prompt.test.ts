import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentBlock, loadProjectInstructions, systemPrompt } from '../../../../src/core/agent/prompt';
import { defaultFollowUps } from '../../../../src/core/agent/run';
import { type AgentMode, toolsForMode } from '../../../../src/core/agent/toolRegistry';
import { FakeGuard, MemoryFiles, plan } from './fakes';

describe('agent: the prompts', () => {
  it('reads every AGENTS.md and CLAUDE.md from the root down to the folders the run touches, root first, through the guard', async () => {
    const files = new MemoryFiles(
      new Map([
        ['AGENTS.md', 'root rules'],
        ['packages/x/CLAUDE.md', 'x rules'],
        ['packages/x/src/AGENTS.md', 'x src rules'],
        ['packages/y/AGENTS.md', 'y rules (not touched)'],
        ['.envs/AGENTS.md', 'denied rules'],
      ]),
    );
    const text = await loadProjectInstructions(files, new FakeGuard(), ['packages/x/src/a.ts', '.envs/b.ts']);
    const order = ['(AGENTS.md)', '(packages/x/CLAUDE.md)', '(packages/x/src/AGENTS.md)'].map((name) => text?.indexOf(name) ?? -1);
    assert.ok(
      order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0))),
      `instructions missing or out of order:\n${text}`,
    );
    assert.ok(!text?.includes('y rules'), 'a folder the run does not touch gave its instructions');
    assert.ok(!text?.includes('denied rules') && !files.reads.includes('.envs/AGENTS.md'), 'a denied path was read');
  });

  it('gives the environment (OS, date, folders, git) and the top level without denied names or the time of day', async () => {
    const files = new MemoryFiles(
      new Map([
        ['src/a.ts', ''],
        ['README.md', ''],
        ['.env', 'SECRET=1'],
      ]),
    );
    const block = await environmentBlock(
      { os: 'Linux 6.1', date: '2026-12-07', folders: ['/ws'], git: { branch: 'main', status: '1 changed: M src/a.ts' } },
      files,
      new FakeGuard(),
    );
    assert.match(block ?? '', /OS: Linux 6\.1\nDate: 2026-12-07\nWorkspace folders: \/ws\nGit branch: main\nGit status: 1 changed: M src\/a\.ts/);
    assert.match(block ?? '', /Top level: README\.md src\//);
    assert.ok(!block?.includes('.env'), 'a denied name is listed');
    assert.ok(!/\d\d:\d\d/.test(block ?? ''), 'the time of day would change the cached prefix');
  });

  it('tells plan mode the plan format and the check rules, and names a build plan’s check that cannot run', () => {
    const planText = systemPrompt('plan', undefined, plan())
      .map((b) => b.text)
      .join('\n');
    assert.match(planText, /## Checks/);
    assert.match(planText, /no `cd x &&`/);
    assert.match(planText, /npm --prefix packages\/x test/);
    const build = systemPrompt('build', undefined, plan({ checks: [{ name: 'cd x && npm test', command: 'cd x && npm test' }] }))
      .map((b) => b.text)
      .join('\n');
    assert.match(build, /cannot run as written \(refused, they will not run\):\n- cd x && npm test: /);
  });

  for (const mode of ['plan', 'build'] as AgentMode[]) {
    it(`promises only tools ${mode} mode has, in its system prompt and follow-ups`, () => {
      const offered = toolsForMode(mode);
      const known = new Set([...offered.map((t) => t.name), ...offered.flatMap((t) => Object.keys(t.fields))]);
      const texts = [...systemPrompt(mode, undefined, plan({ checks: [] })).map((b) => b.text), ...(mode === 'build' ? defaultFollowUps : [])];
      const named = texts.flatMap((t) => [...t.matchAll(/\b[a-z]+(?:_[a-z]+)+\b/g)].map((m) => m[0]));
      const unknown = named.filter((n) => !known.has(n));
      assert.deepEqual(unknown, [], `the prompts name tools or fields ${mode} mode does not have`);
      if (mode === 'build')
        assert.ok(
          !defaultFollowUps.some((f) => /\bdiff\b/.test(f)) || offered.some((t) => /unified diff/.test(t.description)),
          'a follow-up asks for a diff no tool gives',
        );
    });
  }
});

describe('agent: follow-ups in the manifest', () => {
  it('the redline.followUps setting defaults to the follow-ups the core sends', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    assert.deepEqual(manifest.contributes.configuration.properties['redline.followUps']?.default, defaultFollowUps, 'two different default follow-ups');
  });
});
