import * as assert from 'node:assert/strict';
import { createDenyPolicy, DENY_GROUPS, DEFAULT_DENY_GLOBS } from '../../../../src/core/policy/denyList';
import { protectionFor, type ProtectionId } from '../../../../src/core/policy/protectedPaths';

// The files that run code or steer an agent, and the secrets, that the tables gained.
describe('core/policy tables: files that run code or steer agents, and secrets', () => {
  const protectedCases: [string, ProtectionId][] = [
    ['.devcontainer.json', 'execution-hook'],
    ['.yarnrc', 'execution-hook'],
    ['.yarnrc.yml', 'execution-hook'],
    ['.npmrc', 'execution-hook'],
    ['.pnpmfile.cjs', 'execution-hook'],
    ['lefthook.yml', 'execution-hook'],
    ['lefthook-local.yml', 'execution-hook'],
    ['.lefthook.yml', 'execution-hook'],
    ['.simple-git-hooks.json', 'execution-hook'],
    ['.simple-git-hooks.js', 'execution-hook'],
    ['.githooks/pre-commit', 'execution-hook'],
    ['gradle/wrapper/gradle-wrapper.properties', 'build-wrapper'],
    ['.mvn/wrapper/maven-wrapper.properties', 'build-wrapper'],
    ['.mvn/extensions.xml', 'build-wrapper'],
    ['.mvn/jvm.config', 'build-wrapper'],
    ['.gemini/settings.json', 'agent-config'],
    ['.codex/config.toml', 'agent-config'],
    ['.codex/hooks.json', 'agent-config'],
    ['opencode.json', 'agent-config'],
    ['.opencode/agent/x.md', 'agent-config'],
    ['.claude/settings.local.json', 'agent-config'],
    ['.zed/settings.json', 'editor-config'],
    ['.idea/runConfigurations/x.xml', 'editor-config'],
    ['.github/instructions/ts.instructions.md', 'agent-instructions'],
    ['.github/prompts/release.prompt.md', 'agent-instructions'],
    ['.github/chatmodes/x.chatmode.md', 'agent-instructions'],
    ['.mcp.json', 'mcp-config'],
    ['.cursor/mcp.json', 'mcp-config'],
    ['.vscode/mcp.json', 'mcp-config'],
  ];
  for (const [path, id] of protectedCases) {
    it(`protects ${path} as ${id}`, () => {
      const ids = protectionFor(path).map((p) => p.id);
      assert.ok(ids.includes(id), `${path}: expected ${id}, got [${ids.join(', ')}]`);
    });
  }

  it('leaves build files alone: nothing runs them but a command someone starts', () => {
    for (const path of ['Makefile', 'build.gradle', 'pom.xml', 'gradle/libs.versions.toml']) assert.deepEqual(protectionFor(path), [], path);
  });

  const deny = createDenyPolicy();
  const deniedCases = [
    'kubeconfig',
    'ops/kubeconfig-prod.yaml',
    'prod.kubeconfig',
    'gcp-service-account.json',
    'keys/my-service_account-key.json',
    'app-firebase-adminsdk-x1y2z.json',
    'secrets/db.txt',
    'deploy/secrets/prod/token',
    '.my.cnf',
    '.s3cfg',
    '.boto',
    'rclone.conf',
    'pip.conf',
    'settings.xml',
    '.mvn/settings.xml',
    'gradle.properties',
    '.terraformrc',
    'signing-key.asc',
    'secring.gpg',
    '.yarnrc',
    '.yarnrc.yml',
    '.netrc',
    '.pgpass',
    'prod.tfvars',
    'terraform.tfstate',
    '.dockercfg',
    'credentials.json',
    'token.json',
  ];
  for (const path of deniedCases) {
    it(`denies ${path}`, () => assert.ok(deny.deniedBy(path) !== undefined, `${path} is readable`));
  }

  it('still lets the agent read source files named like secrets', () => {
    for (const path of ['src/secrets.ts', 'src/credentialsForm.tsx', 'src/tokens.json', 'docs/kubernetes.md', 'src/settings.ts']) {
      assert.equal(deny.deniedBy(path), undefined, path);
    }
  });

  it('is a table: every group says why, and the defaults are exactly its globs', () => {
    for (const group of DENY_GROUPS) {
      assert.ok(group.reason.length > 10 && group.globs.length > 0, JSON.stringify(group));
    }
    assert.deepEqual(
      DEFAULT_DENY_GLOBS,
      DENY_GROUPS.flatMap((g) => g.globs),
    );
    assert.equal(new Set(DEFAULT_DENY_GLOBS).size, DEFAULT_DENY_GLOBS.length, 'a glob is listed twice');
  });
});
