import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { field, type Json } from '../double/json';
import { lastToolResults, modeOf, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { api, FAKE_KEY, gate, read, resetSettings, startDouble, stubWindow, waitFor, waitForEnd, write, writePlan } from './agentSupport';

/** Requests of one run, by the plan path its system prompt names. */
const requestsOf = (double: MessagesDouble, plan: string): Json[] =>
  double
    .messageRequests()
    .map((r) => r.body)
    .filter((b) => JSON.stringify(field(b, 'system')).includes(plan));

const isFix = (body: Json): boolean => JSON.stringify(field(body, 'system')).includes('revising one hunk');

describe('agent runs in the extension host (scripted Messages API)', function () {
  this.timeout(60_000);
  let double: MessagesDouble | undefined;
  let restoreWarning: (() => void) | undefined;
  let modals: string[] = [];

  beforeEach(() => {
    process.env.REDLINE_TEST_APPROVE_CHECKS = '1';
    modals = [];
    // A check approval modal would block the test: record it and answer "no".
    restoreWarning = stubWindow('showWarningMessage', async (message: unknown) => {
      modals.push(String(message));
      return undefined;
    });
  });
  afterEach(async () => {
    restoreWarning?.();
    await double?.close();
    double = undefined;
    await resetSettings();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('plan mode refuses write tools, writes nothing, and proposes the drafted plan for review', async () => {
    const redline = await api();
    const plan = writePlan('agent-plan-mode', { steps: ['First'] });
    write('src/agent-plan/p.txt', 'original\n');
    const draft =
      'Here is the plan.\n\n```markdown\n# agent-plan-mode\n\n## Goal\n\nA better goal.\n\n## Steps\n\n- [ ] First <!-- id: s1 -->\n- [ ] Second <!-- id: #2 -->\n\n## Checks\n\n## Constraints\n```\n';
    double = await startDouble(({ body }) =>
      turnOf(body) === 0
        ? toolReply([
            { name: 'propose_edit', input: { path: 'src/agent-plan/p.txt', old_string: 'original', new_string: 'changed', step: 's1' } },
            { name: 'create_file', input: { path: 'src/agent-plan/new.txt', content: 'x', step: 's1' } },
          ])
        : textReply(draft),
    );
    const planBefore = read(plan);
    const runId = await redline.startRun({ plan, mode: 'plan' });
    const run = await waitForEnd(redline, runId);
    assert.equal(run.state, 'done', `run ended ${run.state}: ${run.error ?? ''}`);
    const bodies = requestsOf(double, plan);
    assert.ok(
      bodies.every((b) => modeOf(b) === 'plan'),
      'plan mode must not even offer an edit tool',
    );
    const results = lastToolResults(bodies[1]!);
    assert.deepEqual(
      results.map((r) => [r.name, r.isError]),
      [
        ['propose_edit', true],
        ['create_file', true],
      ],
    );
    assert.ok(
      results.every((r) => /not available in plan mode/.test(r.text)),
      results.map((r) => r.text).join('\n'),
    );
    assert.equal(read('src/agent-plan/p.txt'), 'original\n', 'plan mode wrote a file');
    assert.equal(read(plan), planBefore, 'the plan itself changes only when the user accepts');

    assert.ok(run.changesetId, 'the drafted plan must be proposed as a changeset');
    const cs = redline.getChangeset(run.changesetId)!;
    assert.deepEqual(
      cs.files.map((f) => f.path),
      [plan],
      'plan mode proposes the plan file only',
    );
    for (const h of cs.files[0]!.hunks) await redline.decide(cs.id, h.id, 'accept');
    const accepted = read(plan);
    assert.match(accepted, /^---\ntitle: agent-plan-mode\nstatus: approved\n---\n/, 'the plan keeps its front matter');
    assert.match(accepted, /A better goal\./);
    assert.match(accepted, /- \[ \] Second\n/, 'ordinal id markers shown to the model must not land in the file');
    assert.doesNotMatch(accepted, /Here is the plan|```/, 'the lead-in and the fence are not part of the plan');
  });

  it('a build run proposes edits in three files and runs the declared check in an isolated copy', async () => {
    const redline = await api();
    const files = ['a', 'b', 'c'].map((n) => `src/agent-build/${n}.txt`);
    files.forEach((f, i) => write(f, `${'ABC'[i]} original\n`));
    write(
      'agent-build-check.js',
      [
        "const fs = require('fs');",
        "for (const f of ['a', 'b', 'c']) console.log(f + '=' + fs.readFileSync('src/agent-build/' + f + '.txt', 'utf8').trim());",
        "fs.writeFileSync('src/agent-build/a.txt', 'written by the check\\n');",
        "console.log('key=' + (process.env.ANTHROPIC_API_KEY || 'none'));",
      ].join('\n'),
    );
    const plan = writePlan('agent-build', { steps: ['Change a, b and c'], checks: ['node agent-build-check.js'] });
    double = await startDouble(({ body }) => {
      switch (turnOf(body)) {
        case 0:
          return toolReply(
            files.map((path, i) => ({
              name: 'propose_edit',
              input: { path, old_string: `${'ABC'[i]} original`, new_string: `${'ABC'[i]} proposed`, step: 's1' },
            })),
          );
        case 1:
          return toolReply([
            { name: 'run_check', input: { check: '1' } },
            { name: 'set_step_status', input: { step: 's1', status: 'done' } },
          ]);
        default:
          return textReply('Changed a, b and c; the check passes.');
      }
    });
    const runId = await redline.startRun({ plan, mode: 'build' });
    const run = await waitForEnd(redline, runId);
    assert.equal(run.state, 'done', `run ended ${run.state}: ${run.error ?? ''}`);
    assert.deepEqual(modals, [], 'the test pre-approval must spare the modal');
    const check = lastToolResults(requestsOf(double, plan)[2]!).find((r) => r.name === 'run_check');
    assert.ok(check && !check.isError, `run_check failed: ${check?.text}`);
    assert.match(check.text, /exit code 0\na=A proposed\nb=B proposed\nc=C proposed\nkey=none/, `the check must see the proposals and no key:\n${check.text}`);
    files.forEach((f, i) => assert.equal(read(f), `${'ABC'[i]} original\n`, `${f} changed on disk before any accept`));
    assert.ok(run.changesetId);
    const cs = redline.getChangeset(run.changesetId)!;
    assert.equal(cs.source, 'agent');
    assert.deepEqual(
      cs.files.map((f) => [f.path, f.hunks.length]).sort(),
      files.map((f) => [f, 1]),
    );
    assert.match(read(plan), /- \[x\] Change a, b and c/, 'the reported step status is marked in the plan file');
    assert.ok(!double.allBodies().includes(FAKE_KEY), 'the key went into a request body');
  });

  it('fix requests run concurrently, each revising its own hunk; accepting one writes its revision', async () => {
    const redline = await api();
    // Its own build run: three files, one proposed hunk in each.
    const files = ['a', 'b', 'c'].map((n) => `src/agent-fix/${n}.txt`);
    files.forEach((f, i) => write(f, `${'ABC'[i]} original\n`));
    const plan = writePlan('agent-fix', { steps: ['Change a, b and c'] });
    const fileOf = (body: Json): string => (JSON.stringify(body).includes('File src/agent-fix/b.txt') ? 'b' : 'a');
    // Each fix's first reply waits until both fixes have asked: fixes run one after the other
    // would leave the first waiting, and after 10 s it goes on, so the order assertion fails.
    const bothAsked = gate();
    let asked = 0;
    const bothOrLate = Promise.race([bothAsked.opened, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    double = await startDouble(({ body }) => {
      if (!isFix(body)) {
        return turnOf(body) === 0
          ? toolReply(
              files.map((path, i) => ({
                name: 'propose_edit',
                input: { path, old_string: `${'ABC'[i]} original`, new_string: `${'ABC'[i]} proposed`, step: 's1' },
              })),
            )
          : textReply('Changed a, b and c.');
      }
      if (turnOf(body) !== 0) return textReply('Made it louder.');
      if (++asked === 2) bothAsked.open();
      const f = fileOf(body);
      return toolReply(
        [
          {
            name: 'propose_edit',
            input: { path: `src/agent-fix/${f}.txt`, old_string: `${f.toUpperCase()} proposed`, new_string: `${f.toUpperCase()} PROPOSED LOUDLY`, step: 's1' },
          },
        ],
        undefined,
        { hold: bothOrLate },
      );
    });
    const built = await waitForEnd(redline, await redline.startRun({ plan, mode: 'build' }));
    assert.equal(built.state, 'done', `the build run ended ${built.state}: ${built.error ?? ''}`);
    assert.ok(built.changesetId, 'the build run proposed no changeset');
    const sentBefore = double.messageRequests().length;
    const cs = redline.getChangeset(built.changesetId)!;
    const hunkOf = (snapshot: typeof cs, name: string) => snapshot.files.find((f) => f.path.endsWith(`${name}.txt`))!.hunks[0]!;
    await Promise.all([redline.requestFix(cs.id, hunkOf(cs, 'a').id, 'say it louder'), redline.requestFix(cs.id, hunkOf(cs, 'b').id, 'say b louder')]);
    const requests = double
      .messageRequests()
      .slice(sentBefore)
      .map((r) => r.body);
    assert.ok(requests.length > 0 && requests.every(isFix), 'a fix runs as a focused request');
    assert.deepEqual(
      requests.slice(0, 2).map((b) => turnOf(b)),
      [0, 0],
      'the second fix must not wait for the first',
    );
    assert.deepEqual(requests.slice(0, 2).map(fileOf).sort(), ['a', 'b']);
    assert.match(JSON.stringify(requests.find((b) => fileOf(b) === 'a')), /say it louder/);
    const after = redline.getChangeset(cs.id)!;
    for (const name of ['a', 'b']) {
      const [before, now] = [hunkOf(cs, name), hunkOf(after, name)];
      assert.deepEqual([now.id, now.revision, now.state], [before.id, before.revision + 1, 'pending'], `hunk ${name} after its fix`);
    }
    assert.equal(hunkOf(after, 'c').revision, hunkOf(cs, 'c').revision, 'only the asked hunks are revised');
    assert.equal(read('src/agent-fix/a.txt'), 'A original\n', 'a fix is a proposal too');
    await redline.decide(cs.id, hunkOf(cs, 'a').id, 'accept');
    assert.equal(read('src/agent-fix/a.txt'), 'A PROPOSED LOUDLY\n');
  });

  it('a rejection reason reaches the model in its next request, and the rejected change is gone from its view', async () => {
    const redline = await api();
    write('src/agent-reject/r.txt', 'value = 1\n');
    const plan = writePlan('agent-reject', { steps: ['Set the value'] });
    const rejected = gate();
    double = await startDouble(({ body }) => {
      switch (turnOf(body)) {
        case 0:
          return toolReply([
            { name: 'propose_edit', input: { path: 'src/agent-reject/r.txt', old_string: 'value = 1', new_string: 'value = 42', step: 's1' } },
          ]);
        case 1:
          // Held until the reviewer has rejected: the model "thinks" while the rejection lands.
          return toolReply([{ name: 'read_file', input: { path: 'src/agent-reject/r.txt' } }], undefined, { hold: rejected.opened });
        default:
          return textReply('Understood.');
      }
    });
    const runId = await redline.startRun({ plan, mode: 'build' });
    const changesetId = await waitFor('the first proposals', () => redline.getRun(runId)?.changesetId);
    const hunk = redline.getChangeset(changesetId)!.files[0]!.hunks[0]!;
    const sentBefore = requestsOf(double, plan).length;
    await redline.decide(changesetId, hunk.id, 'reject', 'use a named constant, not 42');
    rejected.open();
    const run = await waitForEnd(redline, runId);
    assert.equal(run.state, 'done', run.error);
    const bodies = requestsOf(double, plan);
    const told = (b: Json | undefined): boolean => JSON.stringify(b).includes('use a named constant, not 42');
    assert.ok(!bodies.slice(0, sentBefore).some(told), 'a request sent before the rejection cannot know its reason');
    assert.ok(told(bodies[bodies.length - 1]), 'the rejection reason is missing from the next request');
    const reread = bodies.flatMap((b) => lastToolResults(b)).find((r) => r.name === 'read_file');
    // read_file numbers the lines (`cat -n` style) under a header with the file's length.
    assert.equal(
      reread?.text,
      '[src/agent-reject/r.txt: lines 1-1 of 1]\n1\tvalue = 1',
      'after the rejection the agent must read the file without its rejected change',
    );
  });

  it('starts nothing on bad input and says why', async () => {
    const redline = await api();
    await assert.rejects(redline.startRun({ plan: '../outside.md', mode: 'build' }), /plan/);
    await assert.rejects(redline.startRun({ plan: '.redline/plans/missing.md', mode: 'build' }), /no plan file/);
    await assert.rejects(redline.startRun({ plan: '.env.md', mode: 'plan' }), /denied|deny/i);
    await assert.rejects(redline.startRun({ plan: 'src/agent-plan/p.txt', mode: 'plan' }), /Markdown plan file/);
  });
});
