import * as assert from 'node:assert/strict';
import { newPlan } from '../../../../src/core/plan/newPlan';
import { parsePlan } from '../../../../src/core/plan/parsePlan';
import { PLANS_FOLDER, planFileName, planSlug } from '../../../../src/core/plan/planFileName';
import { planChecks, planConstraints, planContextPaths, planForPrompt, planSummary, stepIds } from '../../../../src/core/plan/queries';
import { fixture } from './fixtures';

describe('core/plan queries', () => {
  const plan = parsePlan(fixture('wellFormed.md'));

  it('summarizes a plan for the list', () => {
    assert.deepEqual(planSummary(plan), { title: 'Add a CSV parser', status: 'approved', created: '2025-01-31', stepsDone: 1, stepsTotal: 4, warnings: 0 });
  });

  it('gives the agent checks, constraints, context paths once each, and step ids', () => {
    assert.deepEqual(planChecks(plan), ['npm test', 'npx tsc -p . --noEmit']);
    assert.deepEqual(planConstraints(plan), ['src/generated/**', 'package-lock.json']);
    assert.deepEqual(
      planContextPaths(parsePlan('## Context\n- `a.ts`\n- [a](a.ts)\n- note\n- `b.ts`\n')),
      ['a.ts', 'b.ts'],
      'paths must be unique and notes left out',
    );
    assert.deepEqual(stepIds(plan), ['s1', 's2', 's3', 's4']);
  });

  describe('planForPrompt', () => {
    it('drops the front matter, keeps the body and puts the title as a heading', () => {
      const prompt = planForPrompt(parsePlan(fixture('crlf.md')));
      assert.ok(prompt.startsWith('# Add a CSV parser\n\n## Goal\n'), `unexpected start: ${JSON.stringify(prompt.slice(0, 40))}`);
      assert.ok(!prompt.includes('\r'), 'the prompt must use \\n line breaks');
      assert.ok(!prompt.includes('model: claude'), 'front matter leaked into the prompt');
      assert.match(prompt, /- \[\/\] Implement the quoted-field state machine <!-- id: s2 -->/);
    });

    it('shows ordinal ids, and the ids of repeated markers, so the agent can report every step', () => {
      const prompt = planForPrompt(parsePlan('# T\n## Steps\n- [ ] a\n- [ ] b <!-- id: x -->\n- [ ] c <!-- id: x -->\n'));
      assert.equal(prompt, '# T\n## Steps\n- [ ] a <!-- id: #1 -->\n- [ ] b <!-- id: x -->\n- [ ] c <!-- id: #3 -->\n');
    });
  });

  describe('newPlan', () => {
    it('writes a plan that parses cleanly with the given title, draft status and date', () => {
      const text = newPlan({ title: 'Add: a CSV parser', created: '2025-06-01', model: 'claude-sonnet-4-5' });
      const parsed = parsePlan(text);
      assert.deepEqual(parsed.warnings, [], 'a new plan must have no warnings');
      assert.deepEqual(
        { title: parsed.title, status: parsed.status, created: parsed.created, model: parsed.model },
        { title: 'Add: a CSV parser', status: 'draft', created: '2025-06-01', model: 'claude-sonnet-4-5' },
      );
      assert.deepEqual(
        parsed.sections.map((section) => section.kind),
        ['goal', 'context', 'steps', 'checks', 'constraints'],
      );
      assert.deepEqual([parsed.steps, parsed.checks, parsed.constraints, parsed.context], [[], [], [], []], 'template hints must not read as items');
    });

    it('names an untitled plan', () => {
      assert.equal(parsePlan(newPlan({ title: ' ', created: '2025-06-01' })).title, 'Untitled plan');
    });
  });

  describe('planFileName', () => {
    it('makes a readable slug under the plans folder', () => {
      assert.equal(planFileName('Add a CSV parser', []), `${PLANS_FOLDER}/add-a-csv-parser.md`);
      assert.equal(planSlug('Crème brûlée: twice as fast!'), 'creme-brulee-twice-as-fast', 'accents must be dropped, not the letters');
      assert.equal(planSlug('数据 导入'), '数据-导入', 'letters of any script are kept');
      assert.equal(planSlug('!!!'), 'plan');
      assert.equal(planSlug('CON'), 'con-plan', 'a Windows device name is not a file name');
    });

    it('is unique among existing names, ignoring case and folders', () => {
      const existing = ['.redline/plans/Add-A-CSV-Parser.md', 'add-a-csv-parser-2.md'];
      assert.equal(planFileName('Add a CSV parser', existing, 'plans/'), 'plans/add-a-csv-parser-3.md');
    });

    it('keeps long slugs short, cut at a word', () => {
      const slug = planSlug('word '.repeat(40));
      assert.ok(slug.length <= 60 && !slug.endsWith('-'), `slug too long or cut badly: ${slug}`);
    });
  });

  it('reads every path a Context item names, not only the first', () => {
    const plan = parsePlan('## Context\n\n- `src/format.ts`, `src/money.ts`: money helpers\n- `src/cart.ts`\n');
    assert.deepEqual(planContextPaths(plan), ['src/format.ts', 'src/money.ts', 'src/cart.ts'], 'a second file of an item counts as outside the Context');
  });
});
