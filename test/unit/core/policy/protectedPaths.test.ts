import * as assert from 'node:assert/strict';
import { isProtected, protectionFor, type ProtectionId } from '../../../../src/core/policy/protectedPaths';

describe('core/policy/protectedPaths', () => {
  const protectedCases: [string, ProtectionId][] = [
    ['.vscode/settings.json', 'editor-config'],
    ['.VSCode/tasks.json', 'editor-config'],
    ['team.code-workspace', 'editor-config'],
    ['.github/workflows/ci.yml', 'ci-config'],
    ['.gitlab-ci.yml', 'ci-config'],
    ['.circleci/config.yml', 'ci-config'],
    ['azure-pipelines.yml', 'ci-config'],
    ['Jenkinsfile', 'ci-config'],
    ['.redline/config.json', 'agent-config'],
    ['.claude/settings.json', 'agent-config'],
    ['.cursor/rules/x.mdc', 'agent-config'],
    ['.roo/rules.md', 'agent-config'],
    ['.continue/config.yaml', 'agent-config'],
    ['CLAUDE.md', 'agent-instructions'],
    ['packages/api/AGENTS.md', 'agent-instructions'],
    ['.cursor/mcp.json', 'mcp-config'],
    ['.vscode/mcp.json', 'mcp-config'],
    ['my-MCP-servers.json', 'mcp-config'],
    ['package.json', 'package-manifest'],
    ['packages/a/package.json', 'package-manifest'],
    ['package-lock.json', 'lockfile'],
    ['yarn.lock', 'lockfile'],
    ['go.sum', 'lockfile'],
    ['.husky/pre-commit', 'execution-hook'],
    ['.devcontainer/devcontainer.json', 'execution-hook'],
  ];
  for (const [path, id] of protectedCases) {
    it(`protects ${path} as ${id}`, () => {
      const ids = protectionFor(path).map((p) => p.id);
      assert.ok(ids.includes(id), `${path}: expected ${id}, got [${ids.join(', ')}]`);
    });
  }

  const nearMisses = [
    '.redline/plans/add-login.md',
    'src/vscode/extension.ts',
    'docs/github/workflows.md',
    'src/packageJson.ts',
    'src/mcp.ts',
    'docs/claude.md.txt',
    'lib/lock.ts',
  ];
  for (const path of nearMisses) {
    it(`does not protect near-miss ${path}`, () => {
      assert.deepEqual(protectionFor(path), [], `${path} should not need its own look`);
    });
  }

  it("adds the plan's Constraints, anchored like gitignore and naming the glob", () => {
    const constraints = ['/migrations/**', '*.sql', 'src/legacy/'];
    assert.deepEqual(
      protectionFor('migrations/001.ts', constraints).map((p) => p.glob),
      ['/migrations/**'],
    );
    assert.ok(isProtected('db/schema.sql', constraints), '*.sql matches at any depth');
    assert.ok(isProtected('src/legacy/old.ts', constraints), 'a folder constraint covers its files');
    assert.ok(!isProtected('app/migrations/001.ts', constraints), 'a leading / anchors to the root');
    assert.match(protectionFor('db/schema.sql', constraints)[0]?.reason ?? '', /\*\.sql/);
  });
});
