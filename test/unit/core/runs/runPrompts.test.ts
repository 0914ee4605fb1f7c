import * as assert from 'node:assert/strict';
import { PLAN, RunsFixture } from './runsFixture';
import { ScriptedModel } from './scriptedModel';

describe('core/runs: the prompt of a run', () => {
  it("builds the first stretch's system prompt with the environment port's block and the plan context's instructions; a continue resends it", async () => {
    const model = new ScriptedModel(['First.', 'Second.']);
    const plan = '# Cap\n\n## Goal\nCap it.\n\n## Context\n- `pkg/src/slug.ts`\n\n## Steps\n- [ ] Cap the slug\n';
    const fx = new RunsFixture(model, { [PLAN]: plan, 'pkg/AGENTS.md': 'pkg rules', 'pkg/src/slug.ts': '' });
    fx.environment = { os: 'TestOS 1', date: '2026-12-07', folders: ['/ws'], git: { branch: 'feature', status: 'clean' } };
    const started = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(started.ok);
    assert.equal(await fx.ended(started.value), 'done');
    const system = JSON.stringify(model.requests[0]?.system);
    assert.match(system, /Environment:\\nOS: TestOS 1\\nDate: 2026-12-07\\nWorkspace folders: \/ws\\nGit branch: feature\\nGit status: clean/);
    assert.match(system, /Project instructions \(pkg\/AGENTS\.md\):\\npkg rules/);
    fx.environment = { os: 'Other', date: '2027-01-01', folders: [] };
    assert.ok((await fx.runs.continueRun(started.value, 'Go on.')).ok);
    assert.equal(await fx.ended(started.value), 'done');
    assert.deepEqual(model.requests[1]?.system, model.requests[0]?.system, 'a continued run must resend its system prompt unchanged');
  });
});
