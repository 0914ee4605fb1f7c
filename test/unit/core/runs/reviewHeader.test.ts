import * as assert from 'node:assert/strict';
import type { AgentEvent } from '../../../../src/core/agent/events';
import { fail } from '../../../../src/core/result';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { reviewHeader } from '../../../../src/core/runs/reviewHeader';
import type { RunService } from '../../../../src/core/runs/runService';
import type { RunMode, RunSnapshot, RunState } from '../../../../src/shared/api';
import { FakeWorkspace, trusted } from '../review/fakeWorkspace';

const USAGE = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, costUsd: 0.01 };

/** The runs of a workspace as the header reads them: by id, with their plan and summary. */
class FakeRuns implements RunService {
  readonly runs = new Map<string, { snapshot: RunSnapshot; plan: string; summary?: string }>();
  readonly onDidEvent = () => ({ dispose() {} });
  readonly onDidChange = () => ({ dispose() {} });

  add(id: string, mode: RunMode, state: RunState, plan: string, summary?: string): void {
    this.runs.set(id, { snapshot: { id, mode, state, usage: USAGE }, plan, ...(summary === undefined ? {} : { summary }) });
  }
  refusal() {
    return undefined;
  }
  async start() {
    return fail('E_TEST', 'not in this test');
  }
  async continueRun() {
    return fail('E_TEST', 'not in this test');
  }
  readonly steering = {
    queued: () => [],
    add: async () => fail('E_TEST', 'not in this test'),
    edit: async () => fail('E_TEST', 'not in this test'),
    withdraw: async () => fail('E_TEST', 'not in this test'),
  };
  async continuable() {
    return [];
  }
  get(id: string) {
    return this.runs.get(id)?.snapshot;
  }
  async cancel() {}
  events(): readonly AgentEvent[] {
    return [];
  }
  runsOf(plan: string) {
    return [...this.runs].filter(([, r]) => r.plan === plan).map(([id]) => id);
  }
  planOf(id: string) {
    return this.runs.get(id)?.plan;
  }
  planUsage() {
    return USAGE;
  }
  summary(id: string) {
    return this.runs.get(id)?.summary;
  }
  modelOf() {
    return undefined;
  }
  async requestFix() {
    return fail('E_TEST', 'not in this test');
  }
}

const PLAN = '.redline/plans/cap.md';

async function setUp() {
  const ws = new FakeWorkspace();
  ws.disk.set(PLAN, '# Cap\n\n## Steps\n\n- [ ] One <!-- id: s1 -->\n');
  ws.disk.set('src/a.ts', 'export const a = 1;\n');
  const session = new ReviewSession(ws, trusted, policyRules);
  const runs = new FakeRuns();
  return { session, runs, header: reviewHeader(session, () => runs) };
}

describe('core/runs/reviewHeader', () => {
  it('sums up a plan revision in one line instead of the whole drafted plan', async () => {
    const { session, runs, header } = await setUp();
    const drafted = '# Cap\n\n## Steps\n\n- [ ] One <!-- id: s1 -->\n- [ ] Two\n- [ ] Three\n';
    runs.add('run-plan', 'plan', 'done', PLAN, drafted);
    const id = await session.propose({ source: 'agent', runId: 'run-plan', title: 'Plan revision: Cap', files: [{ path: PLAN, newText: drafted }] });
    assert.ok(id.ok, id.ok ? '' : id.message);
    assert.equal(header(id.value).summary, 'Plan revision: 2 steps added.');
  });

  it('says when a rejection reaches the agent: at the next turn of a live run on the plan, else with the next one', async () => {
    const { session, runs, header } = await setUp();
    runs.add('run-build', 'build', 'done', PLAN, 'Changed src/a.ts.');
    const id = await session.propose({
      source: 'agent',
      runId: 'run-build',
      title: 'Build: Cap',
      files: [{ path: 'src/a.ts', newText: 'export const a = 2;\n' }],
    });
    assert.ok(id.ok, id.ok ? '' : id.message);
    assert.equal(header(id.value).rejectionsReach, 'nextTurn', 'no run is going: the reason waits for the next turn on the plan');
    assert.equal(header(id.value).summary, 'Changed src/a.ts.', "a build's summary is the agent's own words");
    // Continue Run or another build of the same plan reads the queue at its next turn.
    runs.add('run-next', 'build', 'running', PLAN);
    assert.equal(header(id.value).rejectionsReach, 'live');
    runs.add('run-other', 'build', 'running', '.redline/plans/other.md');
    runs.runs.delete('run-next');
    assert.equal(header(id.value).rejectionsReach, 'nextTurn', 'a run on another plan does not read this plan’s rejections');
  });

  it('promises nothing for a changeset no run made', async () => {
    const { session, header } = await setUp();
    const id = await session.propose({ source: 'api', files: [{ path: 'src/a.ts', newText: 'export const a = 3;\n' }] });
    assert.ok(id.ok, id.ok ? '' : id.message);
    assert.equal(header(id.value).rejectionsReach, undefined);
  });
});
