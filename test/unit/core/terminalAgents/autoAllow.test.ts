import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import type { Changeset } from '../../../../src/core/changeset/types';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { autoAllowable, autoAllowMatcher, type AutoAllowGuards } from '../../../../src/core/terminalAgents/autoAllow';
import { flagChangeset } from '../../../../src/core/review/flags';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');

/** The real deny list and protected paths, as the extension passes them. */
const guards: AutoAllowGuards = {
  denied: (p) => policyRules.denyPolicy({}, []).deniedBy(p) !== undefined,
  protectedPath: (p) => policyRules.protectionFor(p).length > 0,
};

/** A changeset as the review holds it: built, then flagged by the real tripwires and protected paths. */
function changeset(files: { path: string; before: string | null; after: string | null }[]): Changeset {
  const built = createChangeset({
    id: 'cs1',
    title: 't',
    source: 'Claude Code · 12345678',
    files: files.map((f) => ({ path: f.path, baseText: f.before, proposedText: f.after })),
  });
  assert.ok(built.ok, built.ok ? '' : built.message);
  return flagChangeset(policyRules, built.value).changeset;
}

describe('auto-allow of terminal agents’ edits', () => {
  const tests = autoAllowMatcher(['test/**', '**/*.snap']).matches;

  it('matches the setting’s globs; bad entries are named and left out', () => {
    assert.equal(tests('test/unit/a.test.ts'), true);
    assert.equal(tests('src/__snapshots__/x.snap'), true);
    assert.equal(tests('src/a.ts'), false);
    const bad = autoAllowMatcher(['src/**', 42, '', 'a'.repeat(1001)]);
    assert.equal(bad.matches('src/a.ts'), true, 'the good glob must still apply');
    assert.equal(bad.problems.length, 3, `problems: ${bad.problems.join('; ')}`);
    assert.equal(autoAllowMatcher(undefined).matches('src/a.ts'), false, 'no setting allows nothing');
    assert.equal(autoAllowMatcher('src/**').matches('src/a.ts'), false, 'a string instead of a list allows nothing');
  });

  it('allows an edit whose every file matches and whose hunks are pending and unflagged', () => {
    const cs = changeset([{ path: 'test/a.test.ts', before: lines(20), after: lines(20).replace('line 3\n', 'three\n') }]);
    assert.equal(autoAllowable(cs, tests, guards), true);
  });

  it('refuses when one file of the edit does not match', () => {
    const cs = changeset([
      { path: 'test/a.test.ts', before: lines(20), after: lines(20).replace('line 3\n', 'three\n') },
      { path: 'src/a.ts', before: lines(20), after: lines(20).replace('line 3\n', 'three\n') },
    ]);
    assert.equal(autoAllowable(cs, tests, guards), false);
  });

  it('never allows a protected path, even when a glob matches it', () => {
    const all = autoAllowMatcher(['**']).matches;
    const cs = changeset([{ path: '.vscode/settings.json', before: '{}\n', after: '{ "a": 1 }\n' }]);
    assert.equal(autoAllowable(cs, all, guards), false);
    const ci = changeset([{ path: '.github/workflows/ci.yml', before: 'on: push\n', after: 'on: [push]\n' }]);
    assert.equal(autoAllowable(ci, all, guards), false);
    // The guard holds on its own, even for a changeset whose hunks carry no flag.
    const unflagged: Changeset = { ...cs, files: cs.files.map((f) => ({ ...f, hunks: f.hunks.map((h) => ({ ...h, flags: [] })) })) };
    assert.equal(autoAllowable(unflagged, all, guards), false);
    assert.equal(autoAllowable(unflagged, all, { ...guards, protectedPath: () => false }), true, 'the case must differ only by the guard');
  });

  it('never allows a denied or secret path, even when a glob matches it', () => {
    const all = autoAllowMatcher(['**']).matches;
    // Such a path is refused before it is proposed; the decision checks it again on its own.
    const cs = changeset([{ path: '.env', before: 'A=1\n', after: 'A=2\n' }]);
    assert.equal(autoAllowable(cs, all, { ...guards, protectedPath: () => false }), false);
  });

  it('refuses an edit a tripwire flags (a test skipped), a stale hunk, and an empty changeset', () => {
    const skipped = changeset([{ path: 'test/a.test.ts', before: "it('works', () => {});\n", after: "it.skip('works', () => {});\n" }]);
    assert.ok(skipped.files[0]?.hunks[0]?.flags.length, 'the tripwire should flag a skipped test');
    assert.equal(autoAllowable(skipped, tests, guards), false);
    const cs = changeset([{ path: 'test/a.test.ts', before: lines(20), after: lines(20).replace('line 3\n', 'three\n') }]);
    const file = cs.files[0]!;
    const stale: Changeset = { ...cs, files: [{ ...file, hunks: file.hunks.map((h) => ({ ...h, state: 'stale' as const })) }] };
    assert.equal(autoAllowable(stale, tests, guards), false);
    assert.equal(autoAllowable({ ...cs, files: [] }, tests, guards), false);
  });
});
