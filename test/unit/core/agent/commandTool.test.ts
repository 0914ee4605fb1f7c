import * as assert from 'node:assert/strict';
import type {
  CommandAnswer,
  CommandApprovalPort,
  CommandOutcome,
  CommandPort,
  CommandQuestion,
  CommandSandbox,
  CommandSettings,
} from '../../../../src/core/agent/commandTool';
import type { ProposedFile } from '../../../../src/core/agent/ports';
import { runAgent } from '../../../../src/core/agent/run';
import { fail, ok, type Result } from '../../../../src/core/result';
import { asArray, field } from '../../../double/json';
import { lastToolResults, textReply, toolReply } from '../../../double/script';
import { type Harness, startHarness } from './harness';

class FakeCommands implements CommandPort {
  readonly runs: { command: string; proposals: readonly ProposedFile[]; timeoutMs: number }[] = [];
  current: CommandSettings = { allow: [], allowInPlanMode: false, timeoutMs: 60_000 };
  where: CommandSandbox = { confined: true, description: 'sandboxed (fake)' };
  outcome: Result<CommandOutcome> = ok({ exitCode: 0, output: 'fake output\n', timedOut: false, durationMs: 1234 });

  settings(): CommandSettings {
    return this.current;
  }
  async sandbox(): Promise<CommandSandbox> {
    return this.where;
  }
  async run(command: string, proposals: readonly ProposedFile[], timeoutMs: number): Promise<Result<CommandOutcome>> {
    this.runs.push({ command, proposals, timeoutMs });
    return this.outcome;
  }
}

class FakeApprovals implements CommandApprovalPort {
  readonly asked: CommandQuestion[] = [];
  readonly remembered = new Set<string>();
  constructor(public answers: CommandAnswer[] = []) {}

  isRemembered(command: string): boolean {
    return this.remembered.has(command);
  }
  async remember(command: string): Promise<void> {
    this.remembered.add(command);
  }
  async ask(question: CommandQuestion): Promise<CommandAnswer> {
    this.asked.push(question);
    return this.answers.shift() ?? { kind: 'dismissed' };
  }
}

const call = (command: string, extra: Record<string, string | number> = {}) => ({ name: 'run_command', input: { command, ...extra } });

describe('agent: run_command', () => {
  let h: Harness | undefined;
  let commands: FakeCommands;
  let approvals: FakeApprovals;
  afterEach(async () => h?.close());

  /** A build (or plan) run whose first turn makes `calls`; returns the results the model got back. */
  async function runWith(calls: { name: string; input: Record<string, string | number> }[], mode: 'build' | 'plan' = 'build') {
    h = await startHarness([toolReply(calls), textReply('Done.')], { 'src/a.ts': 'export const a = 1;\n' });
    const run = await runAgent({ ...h.deps, commands: { commands, approvals } }, h.options({ mode }));
    assert.equal(run.state, 'done', run.error);
    return lastToolResults(h.double.messageRequests()[1]?.body ?? null);
  }

  beforeEach(() => {
    commands = new FakeCommands();
    approvals = new FakeApprovals();
  });

  it('runs a command an allow rule matches without asking, and the model gets exit code, duration and output', async () => {
    commands.current = { ...commands.current, allow: ['npm test *'] };
    const [result] = await runWith([call('npm test -- --grep login')]);
    assert.deepEqual(
      commands.runs.map((r) => r.command),
      ['npm test -- --grep login'],
    );
    assert.equal(approvals.asked.length, 0, 'an allowed command is not asked');
    assert.ok(result && !result.isError, JSON.stringify(result));
    assert.match(result.text, /^\$ npm test -- --grep login\nexit code 0, 1\.2 s\nfake output$/);
  });

  it('asks for a command no rule allows, operators and all, and runs it when allowed once', async () => {
    commands.current = { ...commands.current, allow: ['npm test *'] };
    approvals.answers = [{ kind: 'once' }];
    const [result] = await runWith([call('npm test && curl x', { purpose: 'see the tests' })]);
    assert.equal(approvals.asked.length, 1, 'a chained command is asked, not matched by "npm test *"');
    assert.deepEqual(approvals.asked[0], {
      command: 'npm test && curl x',
      purpose: 'see the tests',
      sandbox: commands.where,
      canRemember: true,
    });
    assert.equal(commands.runs.length, 1);
    assert.equal(approvals.remembered.size, 0, '"once" is not remembered');
    assert.ok(result && !result.isError, JSON.stringify(result));
  });

  it('"always" is remembered for the workspace: the next call runs without asking', async () => {
    approvals.answers = [{ kind: 'always' }];
    const results = await runWith([call('git log -3'), call('git log -3')]);
    assert.equal(approvals.asked.length, 1, 'asked once only');
    assert.deepEqual([...approvals.remembered], ['git log -3']);
    assert.equal(commands.runs.length, 2);
    assert.ok(
      results.every((r) => !r.isError),
      JSON.stringify(results),
    );
  });

  it('a denial with a reason goes to the model, nothing runs, and the same command is not asked again', async () => {
    approvals.answers = [{ kind: 'deny', reason: 'use the unit tests only' }];
    const results = await runWith([call('npm run e2e'), call('npm run e2e')]);
    assert.equal(commands.runs.length, 0, 'a denied command never runs');
    assert.equal(approvals.asked.length, 1, 'a command denied in this run is refused without asking again');
    const [first, second] = results;
    assert.ok(first?.isError && /the user denied "npm run e2e" and said: use the unit tests only/.test(first.text), JSON.stringify(first));
    assert.ok(second?.isError && /already refused in this run/.test(second.text), JSON.stringify(second));
  });

  it('a dismissed question is "not approved", told to the model, and the run goes on', async () => {
    const [result] = await runWith([call('make')]);
    assert.equal(commands.runs.length, 0);
    assert.ok(result?.isError && /not run \(not approved\)/.test(result.text), JSON.stringify(result));
  });

  it('without a sandbox every run is asked, allow-listed or remembered, and "always" is not offered', async () => {
    commands.where = { confined: false, description: 'NOT sandboxed' };
    commands.current = { ...commands.current, allow: ['npm test *'] };
    approvals.remembered.add('git status');
    approvals.answers = [{ kind: 'once' }, { kind: 'always' }];
    await runWith([call('npm test'), call('git status')]);
    assert.deepEqual(
      approvals.asked.map((q) => [q.command, q.canRemember]),
      [
        ['npm test', false],
        ['git status', false],
      ],
    );
    assert.equal(commands.runs.length, 2);
    assert.deepEqual([...approvals.remembered], ['git status'], 'nothing new is remembered without a sandbox');
  });

  it('runs against the proposals of the run so far, with the timeout capped by the setting', async () => {
    commands.current = { ...commands.current, allow: ['npm test *'], timeoutMs: 30_000 };
    await runWith([
      { name: 'propose_edit', input: { path: 'src/a.ts', old_string: '1', new_string: '2', step: 's1' } },
      call('npm test', { timeout_seconds: 5 }),
      call('npm test -- x', { timeout_seconds: 600 }),
    ]);
    assert.deepEqual(
      commands.runs[0]?.proposals.map((p) => [p.path, p.proposedText]),
      [['src/a.ts', 'export const a = 2;\n']],
    );
    assert.deepEqual(
      commands.runs.map((r) => r.timeoutMs),
      [5_000, 30_000],
    );
  });

  it('reports a timeout and a command that could not run', async () => {
    commands.current = { ...commands.current, allow: ['sleep *'], timeoutMs: 2000 };
    commands.outcome = ok({ exitCode: null, output: '', timedOut: true, durationMs: 2003 });
    const [timedOut] = await runWith([call('sleep 100')]);
    assert.match(timedOut?.text ?? '', /timed out after 2\.0 s and was stopped, 2\.0 s\n\(no output\)/);
    await h?.close();
    commands.outcome = fail('E_WORKTREE', 'git worktree add failed');
    const [failed] = await runWith([call('sleep 1')]);
    assert.ok(failed?.isError && /"sleep 1" did not run: git worktree add failed/.test(failed.text), JSON.stringify(failed));
  });

  it('plan mode offers no command tool unless the user allows it, and refuses it if called', async () => {
    commands.current = { ...commands.current, allow: ['git log *'] };
    const [result] = await runWith([call('git log')], 'plan');
    const offered = asArray(field(h?.double.messageRequests()[0]?.body ?? null, 'tools')).map((t) => field(t, 'name'));
    assert.ok(!offered.includes('run_command'), `plan mode must not offer run_command: ${offered.join(', ')}`);
    assert.ok(result?.isError && /not available in plan mode/.test(result.text), JSON.stringify(result));
    assert.equal(commands.runs.length + approvals.asked.length, 0);
  });

  it('plan mode with allowInPlanMode runs allow-listed commands only, and never asks', async () => {
    commands.current = { ...commands.current, allow: ['git log *'], allowInPlanMode: true };
    approvals.answers = [{ kind: 'once' }];
    const [allowed, other] = await runWith([call('git log --oneline'), call('git commit -m x')], 'plan');
    const offered = asArray(field(h?.double.messageRequests()[0]?.body ?? null, 'tools')).map((t) => field(t, 'name'));
    assert.ok(offered.includes('run_command'), 'offered when the user allows it');
    assert.ok(!offered.includes('propose_edit'), 'and still no write tool');
    assert.ok(allowed && !allowed.isError, JSON.stringify(allowed));
    assert.ok(other?.isError && /plan mode runs only the commands the user allows/.test(other.text), JSON.stringify(other));
    assert.deepEqual(
      commands.runs.map((r) => r.command),
      ['git log --oneline'],
    );
    assert.equal(approvals.asked.length, 0, 'plan mode never asks');
  });

  it('plan mode without a sandbox runs nothing, allow-listed or not, and asks nothing', async () => {
    commands.current = { ...commands.current, allow: ['git log *'], allowInPlanMode: true };
    commands.where = { confined: false, description: 'NOT sandboxed' };
    const [result] = await runWith([call('git log')], 'plan');
    assert.ok(result?.isError && /only in a sandbox/.test(result.text), JSON.stringify(result));
    assert.equal(commands.runs.length + approvals.asked.length, 0);
  });

  it('a run without command ports does not offer the tool', async () => {
    h = await startHarness([textReply('Done.')]);
    await runAgent(h.deps, h.options());
    const offered = asArray(field(h.double.messageRequests()[0]?.body ?? null, 'tools')).map((t) => field(t, 'name'));
    assert.ok(offered.includes('run_check') && !offered.includes('run_command'), offered.join(', '));
  });
});
