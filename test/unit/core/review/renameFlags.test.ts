import * as assert from 'node:assert/strict';
import { flagChangeset } from '../../../../src/core/review/flags';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { createChangeset } from '../../../../src/core/changeset/build';

describe('core/review/flags: renames', () => {
  it('a rename out of a protected path is protected by its old path', () => {
    const built = createChangeset({
      id: 'cs-rename',
      title: 'rename',
      source: 'git',
      files: [{ path: 'ci.yml.off', oldPath: '.github/workflows/ci.yml', baseText: 'on: push\n', proposedText: 'on: push\n# off\n' }],
    });
    assert.ok(built.ok, built.ok ? '' : built.message);
    const { changeset } = flagChangeset(policyRules, built.value);
    const flags = changeset.files[0]!.hunks.flatMap((h) => h.flags);
    assert.ok(flags.includes('protected:ci-config'), `flags: [${flags.join(', ')}]`);
  });
});
