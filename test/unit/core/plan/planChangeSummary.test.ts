import * as assert from 'node:assert/strict';
import { planChangeSummary } from '../../../../src/core/plan/planChangeSummary';

const plan = (steps: string[], extra = '') =>
  `# Cap slug length\n\n## Goal\n\nShort slugs.\n\n## Steps\n\n${steps.map((s) => `- [ ] ${s}`).join('\n')}\n\n## Checks\n\n- \`npm test\`\n${extra}`;

describe('core/plan/planChangeSummary', () => {
  it('sums up a first draft in one line: its steps and checks, never the plan itself', () => {
    const summary = planChangeSummary('# Untitled\n', plan(['Add `truncateWords`', 'Give `slugify` a `maxLength`', 'Document it']));
    assert.equal(summary, 'Plan draft: 3 steps, 1 check.');
    assert.equal(planChangeSummary(null, plan(['One'])), 'Plan draft: 1 step, 1 check.');
  });

  it('counts steps added, changed and removed, by id where the steps have ids', () => {
    const before = plan(['First <!-- id: s1 -->', 'Second <!-- id: s2 -->', 'Third <!-- id: s3 -->']);
    const after = plan(['First, better <!-- id: s1 -->', 'Second <!-- id: s2 -->', 'New one', 'Another new one']);
    assert.equal(planChangeSummary(before, after), 'Plan revision: 2 steps added, 1 changed, 1 removed.');
  });

  it('matches steps without ids by their text, and names the other sections that changed', () => {
    const before = plan(['Add it', 'Test it']);
    const after = plan(['Add it', 'Test it', 'Export it from `src/index.ts`'], '\n## Context\n\n- `src/index.ts`\n');
    assert.equal(planChangeSummary(before, after), 'Plan revision: 1 step added; Context changed.');
    assert.equal(planChangeSummary(before, before.replace('Short slugs.', 'Shorter slugs.')), 'Plan revision: Goal changed.');
    assert.equal(planChangeSummary(before, `${before}\n`), 'Plan revision: wording only.');
  });
});
