import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyChanges, replaceSection, setStatus, setStepStatus, setTitle } from '../../../../src/core/plan/editPlan';
import { parsePlan, serializePlan } from '../../../../src/core/plan/parsePlan';
import { STEP_MARKS } from '../../../../src/core/plan/sectionContent';
import { PLAN_STATUSES, STEP_STATUSES } from '../../../../src/core/plan/types';

/** Lines that exercise every rule of the parser, so random plans hit the edge cases often. */
const line = fc.oneof(
  fc.constantFrom(
    '---',
    '--- ',
    '...',
    'title: T',
    'status: draft',
    'status: "in review"',
    "created: '2025-01-31'",
    'tags:',
    '  - a',
    '# Title',
    '# Title #',
    '## Goal',
    '## Steps',
    '##Steps',
    '  ## Context',
    '## Checks ##',
    '## Constraints',
    '## Notes',
    '### Sub',
    '- [ ] step',
    '- [x] done <!-- id: s1 -->',
    '- [/] doing',
    '* [-] skipped',
    '1. [ ] ordered',
    '- [~] odd',
    '  - [ ] nested',
    '- `npm test`',
    '- ``a ` b``',
    '- [link](src/a.ts#L1)',
    '- src/**',
    '- prose with words',
    '    indented code',
    '```',
    '```ts',
    '~~~',
    '````',
    '<!--',
    '-->',
    '<!-- id: s2 -->',
    '',
    '   ',
    '\t',
    '- ',
    '-',
    '[',
    '`',
    '\\',
    '\r',
    '\u00e9\u{1F600}',
  ),
  fc.string({ maxLength: 12 }),
);
const eol = fc.constantFrom('\n', '\r\n', '\r');
const markdownish = fc
  .array(fc.tuple(line, eol), { maxLength: 40 })
  .chain((lines) => fc.tuple(fc.constant(lines), fc.boolean(), fc.boolean()))
  .map(([lines, bom, finalEol]) => {
    const text = lines.map(([content, end]) => content + end).join('');
    return (bom ? '\uFEFF' : '') + (finalEol ? text : text.replace(/(?:\r\n|\n|\r)$/, ''));
  });
const anyText = fc.oneof(markdownish, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme-ascii', maxLength: 300 }));

/** A plan with steps in canonical marks (the marks `setStepStatus` writes). */
const planWithSteps = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom(...STEP_STATUSES),
        fc.constantFrom('-', '*', '1.'),
        fc.boolean(),
        fc.string({ maxLength: 10 }).filter((s) => !/[\r\n]/.test(s)),
      ),
      { minLength: 1, maxLength: 12 },
    ),
    fc.array(line, { maxLength: 6 }),
    eol.filter((end) => end !== '\r'),
  )
  .map(([steps, prose, end]) => {
    const items = steps.map(([status, bullet, marker, text], i) => `${bullet} [${STEP_MARKS[status]}] ${text}${marker ? ` <!-- id: k${i} -->` : ''}`);
    return [
      '---',
      'title: P',
      '---',
      '## Goal',
      ...prose.filter((p) => !/^#{1,2} |^##$|^```|^~~~|^<!--|^\s*##/.test(p) && !p.includes('\r')),
      '## Steps',
      ...items,
      '## Checks',
      '- `npm test`',
      '',
    ].join(end);
  });

describe('core/plan properties', () => {
  it('parse then serialize is the identity on any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        assert.equal(serializePlan(parsePlan(text)), text);
      }),
      { numRuns: 5000 },
    );
  });

  it('parsed positions point at what they claim', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const plan = parsePlan(text);
        for (const section of plan.sections)
          assert.match(text.slice(section.start, section.bodyStart), /^ {0,3}##(?:[ \t]|\r?\n|$)/, 'a section does not start at a ## heading');
        for (const step of plan.steps) {
          assert.equal(text[step.markOffset - 1] + text[step.markOffset + 1], '[]', `step ${step.id}'s mark offset is not inside brackets`);
          assert.ok(!text.slice(step.markOffset, step.lineEnd).includes('\n'), `step ${step.id}'s line end is past its line`);
        }
        assert.equal(new Set(plan.steps.map((step) => step.id)).size, plan.steps.length, 'step ids are not unique');
      }),
      { numRuns: 3000 },
    );
  });

  it('setStepStatus changes one character, on that step line only', () => {
    fc.assert(
      fc.property(planWithSteps, fc.nat(), fc.constantFrom(...STEP_STATUSES), (text, pick, status) => {
        const plan = parsePlan(text);
        const step = plan.steps[pick % plan.steps.length];
        assert.ok(step !== undefined, 'the generated plan has no steps');
        const result = setStepStatus(plan, step.id, status);
        assert.ok(result.ok);
        const after = serializePlan(result.value.plan);
        const changed = Array.from({ length: after.length }, (_, i) => i).filter((i) => after[i] !== text[i]);
        assert.equal(after.length, text.length, 'setStepStatus changed the length of the text');
        assert.deepEqual(changed, step.status === status ? [] : [step.markOffset], 'setStepStatus changed more than the step mark');
        const others = (p: typeof plan) => p.steps.filter((s) => s.id !== step.id).map((s) => s.status);
        assert.deepEqual(others(result.value.plan), others(plan), 'another step changed status');
      }),
      { numRuns: 1000 },
    );
  });

  it('setting a step status and setting it back restores the bytes', () => {
    fc.assert(
      fc.property(planWithSteps, fc.nat(), fc.constantFrom(...STEP_STATUSES), (text, pick, status) => {
        const plan = parsePlan(text);
        const step = plan.steps[pick % plan.steps.length];
        assert.ok(step !== undefined);
        const there = setStepStatus(plan, step.id, status);
        assert.ok(there.ok);
        const back = setStepStatus(there.value.plan, step.id, step.status);
        assert.ok(back.ok);
        assert.equal(serializePlan(back.value.plan), text);
      }),
      { numRuns: 1000 },
    );
  });

  it('every edit reports exactly the changes it made and keeps the round trip', () => {
    const editOf = fc.oneof(
      fc.constantFrom(...PLAN_STATUSES).map((status) => (plan: ReturnType<typeof parsePlan>) => setStatus(plan, status)),
      fc.string({ minLength: 1, maxLength: 20 }).map((title) => (plan: ReturnType<typeof parsePlan>) => setTitle(plan, title)),
      fc.tuple(fc.constantFrom('Goal', 'Context', 'Notes'), fc.string({ maxLength: 30 })).map(
        ([name, body]) =>
          (plan: ReturnType<typeof parsePlan>) =>
            replaceSection(plan, name, body),
      ),
    );
    fc.assert(
      fc.property(anyText, editOf, (text, editFn) => {
        const plan = parsePlan(text);
        const result = editFn(plan);
        if (!result.ok) return;
        const after = serializePlan(result.value.plan);
        assert.equal(applyChanges(text, result.value.changes), after, 'the changes do not produce the new text');
        assert.equal(serializePlan(parsePlan(after)), after, 'the edited text does not round-trip');
      }),
      { numRuns: 3000 },
    );
  });
});
