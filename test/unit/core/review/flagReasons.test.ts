import * as assert from 'node:assert/strict';
import { flagChangeset } from '../../../../src/core/review/flags';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { createChangeset } from '../../../../src/core/changeset/build';

function reasonsOf(path: string, baseText: string, proposedText: string): string[] {
  const built = createChangeset({ id: 'cs-reasons', title: 'reasons', source: 'agent', files: [{ path, baseText, proposedText }] });
  assert.ok(built.ok, built.ok ? '' : built.message);
  const { details } = flagChangeset(policyRules, built.value);
  return [...details.values()].flatMap((infos) => infos.map((f) => f.reason));
}

/** Every ( [ { and ` has its partner: a reason that reads as a sentence, not as cut-off code. */
function balanced(text: string): boolean {
  const outside = text.replace(/`[^`]*`/g, '');
  if (outside.includes('`')) return false;
  const depth = [...outside].reduce((d, c) => (d < 0 ? d : c === '(' ? d + 1 : c === ')' ? d - 1 : d), 0);
  return depth === 0;
}

describe('core/review/flags: the reason shown on a flagged hunk', () => {
  it('says what tripped, what it found as code, and why, with every bracket closed', () => {
    const reasons = reasonsOf('test/cart.test.ts', "it('adds', () => {});\n", "it.skip('adds', () => {});\n");
    assert.deepEqual(reasons, [
      'Tests skipped or focused: added `it.skip(`. `.skip`, `xit` and `@pytest.mark.skip` turn a test off; `.only` silently skips all the others.',
    ]);
    for (const r of reasons) assert.ok(balanced(r), `unbalanced: ${r}`);
  });

  it('quotes suppressions as code too', () => {
    const reasons = reasonsOf('src/a.ts', 'const a = 1;\n', '// eslint-disable-next-line\nconst a = 1;\n');
    assert.ok(reasons.length > 0, 'the suppression was not flagged');
    for (const r of reasons) assert.ok(balanced(r) && /`[^`]*eslint-disable[^`]*`/.test(r), `not quoted as code: ${r}`);
  });
});
