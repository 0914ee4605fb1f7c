import * as assert from 'node:assert/strict';
import { createDenyPolicy } from '../../../../src/core/policy/denyList';
import { folderScopedDeny, folderScopedRules } from '../../../../src/core/policy/folderScopedRules';
import { policyRules } from '../../../../src/core/policy/policyRules';
import type { ProtectionId } from '../../../../src/core/policy/protectedPaths';
import { folderRelativePath } from '../../../../src/core/policy/workspacePath';

describe('core/policy/folderScopedRules', () => {
  describe('folderRelativePath', () => {
    const cases: [string, readonly string[], string, string][] = [
      ['app/.vscode/settings.json', ['app', 'lib'], '.vscode/settings.json', "a second folder's prefix is dropped"],
      ['lib/.github/workflows/ci.yml', ['app', 'lib'], '.github/workflows/ci.yml', 'any named folder'],
      ['app/.vscode/settings.json', ['app'], 'app/.vscode/settings.json', 'one folder: no prefix, a subfolder named like the folder stays'],
      ['.vscode/settings.json', ['.vscode', 'app'], 'settings.json', "a folder named '.vscode' is a folder, as the resolver reads it"],
      ['src/.vscode/x.json', ['app', 'lib'], 'src/.vscode/x.json', 'an unprefixed path is already in the first folder'],
      ['App/.vscode/settings.json', ['app', 'lib'], 'App/.vscode/settings.json', 'folder names match exactly, as the resolver matches them'],
      ['app', ['app', 'lib'], '', 'the folder itself'],
    ];
    for (const [path, names, expected, why] of cases) {
      it(`${path} in [${names.join(', ')}] → '${expected}' (${why})`, () => {
        assert.equal(folderRelativePath(path, names), expected);
      });
    }
  });

  describe('rules over folder/… paths', () => {
    const two = folderScopedRules(policyRules, () => ['app', 'lib']);
    const one = folderScopedRules(policyRules, () => ['app']);
    const ids = (rules: typeof two, path: string, constraints: string[] = []) => rules.protectionFor(path, constraints).map((p) => p.id);

    const anchored: [string, ProtectionId][] = [
      ['app/.vscode/settings.json', 'editor-config'],
      ['app/.vscode/tasks.json', 'editor-config'],
      ['lib/.github/workflows/release.yml', 'ci-config'],
      ['lib/.devcontainer/devcontainer.json', 'execution-hook'],
      ['lib/.devcontainer.json', 'execution-hook'],
      ['app/.husky/pre-push', 'execution-hook'],
      ['app/.gitmodules', 'execution-hook'],
      ['app/.redline/config.json', 'agent-config'],
    ];
    for (const [path, id] of anchored) {
      it(`protects ${path} as ${id} in a two-folder workspace`, () => {
        assert.ok(ids(two, path).includes(id), `${path}: got [${ids(two, path).join(', ')}]`);
      });
    }

    it("keeps a plan's files free in every folder (the plans exception is anchored too)", () => {
      assert.deepEqual(ids(two, 'app/.redline/plans/login.md'), []);
    });

    it('does not protect a subfolder named like a top directory in a one-folder workspace', () => {
      assert.deepEqual(ids(one, 'docs/.vscode/settings.json'), []);
    });

    it("matches a plan's anchored Constraints written either way: folder-relative or with the folder's name", () => {
      assert.ok(ids(two, 'app/src/payments/charge.ts', ['/src/payments/**']).includes('plan-constraint'), 'folder-relative constraint');
      assert.ok(ids(two, 'app/src/payments/charge.ts', ['app/src/payments/**']).includes('plan-constraint'), 'workspace-named constraint');
      assert.ok(!ids(two, 'lib/src/payments/charge.ts', ['app/src/payments/**']).includes('plan-constraint'), "another folder's file");
    });

    it('trips the CI tripwire on a workflow of the second folder, old path included', () => {
      const input = {
        path: 'lib/.github/workflows/ci.yml',
        status: 'modified' as const,
        baseText: 'a\n',
        proposedText: 'b\n',
        removedLines: ['a'],
        addedLines: ['b'],
      };
      const hits = two.evaluateTripwires(input, { deletionThreshold: 50 }).map((h) => h.id);
      assert.ok(hits.includes('ci-config-changed'), `got [${hits.join(', ')}]`);
      const renamed = { ...input, path: 'lib/ci.yml.off', oldPath: 'lib/.github/workflows/ci.yml', status: 'renamed' as const };
      assert.ok(
        two.evaluateTripwires(renamed, { deletionThreshold: 50 }).some((h) => h.id === 'ci-config-changed'),
        'renamed away',
      );
    });

    it('flags outside-context only when neither name of the file is in the Context', () => {
      const input = { path: 'app/src/a.ts', status: 'modified' as const, baseText: 'a\n', proposedText: 'b\n', removedLines: ['a'], addedLines: ['b'] };
      const outside = (context: string[]) =>
        two.evaluateTripwires(input, { deletionThreshold: 50, planContextPaths: context }).some((h) => h.id === 'outside-context');
      assert.equal(outside(['src/']), false, 'folder-relative Context');
      assert.equal(outside(['app/src/']), false, 'workspace-named Context');
      assert.equal(outside(['docs/']), true, 'a file outside the Context');
    });
  });

  describe('folderScopedDeny', () => {
    const deny = folderScopedDeny(createDenyPolicy(['/.env', 'secrets/**']), ['app', 'lib']);
    it("denies a second folder's root .env under a root-anchored user glob", () => {
      assert.equal(deny.deniedBy('lib/.env'), '/.env');
      assert.equal(deny.isSearchable('lib/.env'), false);
      assert.equal(deny.listingVisibility('lib/.env'), 'name-only');
    });
    it('never denies less than the path as given (a folder-relative path that starts like a folder name)', () => {
      const named = folderScopedDeny(createDenyPolicy(['/secrets/**']), ['secrets', 'app']);
      assert.equal(named.deniedBy('secrets/token.txt'), '/secrets/**');
    });
  });
});
