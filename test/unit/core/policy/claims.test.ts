import * as assert from 'node:assert/strict';
import { extractPathTokens } from '../../../../src/core/policy/claimPaths';
import { checkClaims, claimWording, type ClaimMismatch } from '../../../../src/core/policy/claims';

function kinds(mismatches: ClaimMismatch[], kind: ClaimMismatch['kind']): string[] {
  return mismatches.filter((m) => m.kind === kind).map((m) => m.subject);
}

describe('core/policy/claims', () => {
  describe('extractPathTokens', () => {
    it('finds files in prose, backticks, lists, with line suffixes and punctuation', () => {
      const text = 'Updated `src/auth/login.ts:42`, (README.md) and ./lib/util.py. See `src/auth` and Makefile!';
      assert.deepEqual(
        extractPathTokens(text).map((t) => t.text),
        ['src/auth/login.ts', 'README.md', 'lib/util.py', 'src/auth', 'Makefile'],
      );
    });
    it('ignores words with slashes, URLs, versions and abbreviations', () => {
      const text = 'Handles input/output and pass/fail, see https://example.com/a.ts, v1.2.3, e.g. 3.14, i.e. node.js-style @scope/pkg.';
      assert.deepEqual(
        extractPathTokens(text).map((t) => t.text),
        [],
      );
    });
  });

  it('reports files claimed but not changed, and files changed but not mentioned', () => {
    const summary = 'I updated src/auth/login.ts and added tests in test/login.test.ts. I did not change src/db.ts.';
    const result = checkClaims(summary, ['src/auth/login.ts', 'src/auth/session.ts'], []);
    assert.deepEqual(kinds(result, 'claimed-but-unchanged'), ['test/login.test.ts']);
    assert.deepEqual(kinds(result, 'changed-but-unmentioned'), ['src/auth/session.ts']);
  });

  it('reads bullets under a "Files changed" heading or lead-in as claims', () => {
    const summary = ['## Files changed', '- `src/a.ts`', '- src/b.ts', '', 'Changes:', '* docs/guide.md'].join('\n');
    const result = checkClaims(summary, ['src/a.ts'], []);
    assert.deepEqual(kinds(result, 'claimed-but-unchanged').sort(), ['docs/guide.md', 'src/b.ts']);
  });

  it('does not treat a file that was only read or negated as a claim', () => {
    const summary = 'I read src/config.ts to understand the flow. src/legacy.ts is left as is. Fixed the bug in src/a.ts.';
    assert.deepEqual(kinds(checkClaims(summary, ['src/a.ts'], []), 'claimed-but-unchanged'), []);
  });

  it('counts a basename or a folder as a mention', () => {
    const summary = 'Fixed the race in `login.ts`; everything under `src/auth` was touched.';
    assert.deepEqual(kinds(checkClaims(summary, ['src/auth/login.ts', 'src/auth/x.ts'], []), 'changed-but-unmentioned'), []);
  });

  describe('success claims', () => {
    const claims: [string, string][] = [
      ['All tests pass.', 'tests'],
      ['The test suite is green now.', 'tests'],
      ['All 42 tests passed', 'tests'],
      ['Coverage is at 100%.', 'coverage'],
      ['This brings us to 100% coverage.', 'coverage'],
      ['Lint is clean.', 'lint'],
      ['Type-check passes.', 'typecheck'],
      ['The build succeeds.', 'build'],
    ];
    for (const [summary, category] of claims) {
      it(`flags "${summary}" without a ${category} check as unverified`, () => {
        const result = checkClaims(summary, [], [{ command: 'npm run format', exitCode: 0 }]);
        assert.equal(kinds(result, 'unverified-claim').length, 1, `expected one unverified claim in ${JSON.stringify(result)}`);
      });
    }

    it('accepts a claim backed by a passing check of that kind', () => {
      const result = checkClaims(
        'All tests pass and lint is clean.',
        [],
        [
          { command: 'npm test', exitCode: 0 },
          { command: 'npm run lint', exitCode: 0 },
        ],
      );
      assert.deepEqual(result, []);
    });

    it('flags a claim contradicted by the last check of that kind', () => {
      const result = checkClaims(
        'All tests pass.',
        [],
        [
          { command: 'npx mocha', exitCode: 0 },
          { command: 'npx mocha', exitCode: 1 },
        ],
      );
      assert.equal(kinds(result, 'contradicted-claim').length, 1);
      assert.match(result[0]?.message ?? '', /exited with 1/);
    });

    it('uses the last run: a failure fixed by a later pass is fine', () => {
      const result = checkClaims(
        'Tests are passing.',
        [],
        [
          { command: 'pytest', exitCode: 1 },
          { command: 'pytest', exitCode: 0 },
        ],
      );
      assert.deepEqual(result, []);
    });

    it('does not read a negated or hedged sentence as a claim', () => {
      const result = checkClaims("I could not verify that tests pass. Tests don't pass yet.", [], []);
      assert.deepEqual(result, []);
    });

    it('treats a check that never finished as not passing', () => {
      const result = checkClaims('All tests pass.', [], [{ command: 'npm test', exitCode: null }]);
      assert.match(result[0]?.message ?? '', /did not finish/);
    });
  });

  describe('quoting the agent', () => {
    it('takes a claim with the whole of a code span it starts in, never half of one', () => {
      const result = checkClaims('I skipped one test. `npm test` passes.', [], []);
      assert.equal(result[0]?.message, '"`npm test` passes" is claimed, but no tests check ran.');
      assert.equal(result[0]?.subject, '`npm test` passes');
    });

    it('quotes once what the agent quoted itself, and keeps quotation marks balanced', () => {
      assert.equal(checkClaims('As promised, "all tests pass".', [], [])[0]?.subject, 'all tests pass');
      assert.equal(claimWording('Now tests pass" for sure', 4, 10), 'tests pass');
      const inner = checkClaims('The tests "all pass" now.', [], [])[0]?.message ?? '';
      assert.equal(inner, '“tests "all pass"” is claimed, but no tests check ran.');
    });

    it('shows a command with a backtick of its own without breaking the code span', () => {
      const result = checkClaims('All tests pass.', [], [{ command: 'run `tests`', exitCode: 1 }]);
      assert.equal(result[0]?.message, '"tests pass" is claimed, but “run `tests`” exited with 1.');
    });
  });
});
