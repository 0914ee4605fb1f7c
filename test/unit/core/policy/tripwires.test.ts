import * as assert from 'node:assert/strict';
import { evaluateTripwires, TRIPWIRE_RULES } from '../../../../src/core/policy/tripwires';
import { DEFAULT_DELETION_THRESHOLD, type TripwireContext, type TripwireId, type TripwireInput } from '../../../../src/core/policy/tripwireTypes';

const ctx: TripwireContext = { deletionThreshold: DEFAULT_DELETION_THRESHOLD };

/** A modified file from the lines a hunk removes and adds (texts built from them). */
function edit(path: string, removed: string[], added: string[], extra: Partial<TripwireInput> = {}): TripwireInput {
  return { path, status: 'modified', baseText: removed.join('\n'), proposedText: added.join('\n'), removedLines: removed, addedLines: added, ...extra };
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function manifest(path: string, base: unknown, proposed: unknown): TripwireInput {
  return { path, status: 'modified', baseText: json(base), proposedText: json(proposed), removedLines: ['x'], addedLines: ['y'] };
}

interface Case {
  readonly name: string;
  readonly input: TripwireInput;
  readonly ctx?: TripwireContext;
}

/** Per rule: inputs that must trip it, and near misses that must not. */
const TABLE: Record<TripwireId, { trips: Case[]; passes: Case[] }> = {
  'test-file-deleted': {
    trips: [
      {
        name: 'deleted spec',
        input: { path: 'src/a.spec.ts', status: 'deleted', baseText: 'it("x")', proposedText: null, removedLines: ['it("x")'], addedLines: [] },
      },
      {
        name: 'test renamed out of test dir',
        input: { path: 'old/a.ts', oldPath: 'test/a.test.ts', status: 'renamed', baseText: '', proposedText: '', removedLines: [], addedLines: [] },
      },
    ],
    passes: [
      { name: 'deleted source file', input: { path: 'src/a.ts', status: 'deleted', baseText: 'x', proposedText: null, removedLines: ['x'], addedLines: [] } },
      {
        name: 'test renamed within tests',
        input: { path: 'test/b.test.ts', oldPath: 'test/a.test.ts', status: 'renamed', baseText: '', proposedText: '', removedLines: [], addedLines: [] },
      },
    ],
  },
  'test-cases-removed': {
    trips: [
      { name: 'it() removed', input: edit('test/a.test.ts', ["  it('rejects bad input', () => {", '    expect(f()).toThrow();', '  });'], []) },
      { name: 'python test removed', input: edit('tests/test_api.py', ['def test_login():', '    assert login()'], []) },
      { name: 'go test removed', input: edit('pkg/api_test.go', ['func TestLogin(t *testing.T) {', '}'], []) },
    ],
    passes: [
      { name: 'test renamed', input: edit('test/a.test.ts', ["it('old name', () => {"], ["it('new name', () => {"]) },
      { name: 'split( in a test file is not a test', input: edit('test/a.test.ts', ["const parts = s.split(',');"], []) },
      { name: 'it() removed from source', input: edit('src/a.ts', ["it('x', () => {})"], []) },
    ],
  },
  'tests-disabled': {
    trips: [
      { name: 'it.only', input: edit('test/a.test.ts', ["it('x', () => {"], ["it.only('x', () => {"]) },
      { name: 'describe.skip', input: edit('src/a.spec.ts', ["describe('x', () => {"], ["describe.skip('x', () => {"]) },
      { name: 'xit', input: edit('test/a.test.ts', ["it('x', () => {"], ["xit('x', () => {"]) },
      { name: 'it.todo', input: edit('test/a.test.ts', [], ["it.todo('later');"]) },
      { name: 'pytest mark', input: edit('tests/test_a.py', [], ['@pytest.mark.skip(reason="flaky")']) },
      { name: 'unittest skip', input: edit('tests/test_a.py', [], ['    @unittest.skip("later")']) },
      { name: 'go t.Skip', input: edit('a_test.go', [], ['\tt.Skip("flaky")']) },
    ],
    passes: [
      { name: 'stream.skip in source', input: edit('src/a.ts', [], ['const rest = stream.skip(5);']) },
      { name: 'existing .skip moved', input: edit('test/a.test.ts', ["it.skip('x', () => {"], ["  it.skip('x', () => {"]) },
      { name: 'exit( is not xit(', input: edit('src/cli.ts', [], ['process.exit(1);']) },
    ],
  },
  'assertions-removed': {
    trips: [
      { name: 'expect removed', input: edit('test/a.test.ts', ['  expect(total).toBe(3);', '  expect(count).toBe(1);'], ['  expect(total).toBe(3);']) },
      { name: 'assert.equal removed', input: edit('test/unit/a.test.ts', ['assert.equal(a, b);'], []) },
      { name: 'python assert removed', input: edit('tests/test_a.py', ['    assert result == 3'], ['    pass']) },
    ],
    passes: [
      { name: 'assertion rewritten', input: edit('test/a.test.ts', ['expect(a).toBe(1);'], ['expect(a).toEqual(1);']) },
      { name: 'assertion removed from source', input: edit('src/a.ts', ['assert(x > 0);'], []) },
    ],
  },
  'test-config-changed': {
    trips: [
      {
        name: 'jest config',
        input: edit('jest.config.js', ['coverageThreshold: { global: { lines: 90 } },'], ['coverageThreshold: { global: { lines: 0 } },']),
      },
      { name: '.nycrc', input: edit('.nycrc.json', [], ['"exclude": ["src/hard/**"]']) },
      { name: '.coveragerc', input: edit('.coveragerc', [], ['omit = src/legacy/*']) },
      {
        name: 'package.json jest key',
        input: manifest('package.json', { jest: { collectCoverageFrom: ['src/**'] } }, { jest: { collectCoverageFrom: ['src/easy/**'] } }),
      },
      { name: 'package.json test script', input: manifest('package.json', { scripts: { test: 'mocha' } }, { scripts: { test: 'mocha --grep fast' } }) },
      {
        name: 'pyproject coverage section',
        input: {
          path: 'pyproject.toml',
          status: 'modified',
          baseText: '[tool.coverage.run]\nomit = []',
          proposedText: '[tool.coverage.run]\nomit = ["src/x.py"]',
          removedLines: ['omit = []'],
          addedLines: ['omit = ["src/x.py"]'],
        },
      },
      {
        name: 'setup.cfg pytest section',
        input: {
          path: 'setup.cfg',
          status: 'modified',
          baseText: '[tool:pytest]\naddopts = -q',
          proposedText: '[tool:pytest]\naddopts = -q -k "not slow"',
          removedLines: ['addopts = -q'],
          addedLines: ['addopts = -q -k "not slow"'],
        },
      },
      { name: 'Makefile go test flags', input: edit('Makefile', ['\tgo test ./...'], ['\tgo test -short ./...']) },
      { name: 'istanbul ignore comment', input: edit('src/a.ts', [], ['/* istanbul ignore next */']) },
      { name: 'vitest block in vite.config', input: edit('vite.config.ts', [], ['    coverage: { exclude: ["src/**"] },']) },
    ],
    passes: [
      { name: 'package.json description', input: manifest('package.json', { description: 'a' }, { description: 'b' }) },
      {
        name: 'pyproject black section',
        input: {
          path: 'pyproject.toml',
          status: 'modified',
          baseText: '[tool.black]\nline-length = 88',
          proposedText: '[tool.black]\nline-length = 100',
          removedLines: ['line-length = 88'],
          addedLines: ['line-length = 100'],
        },
      },
      { name: 'README mentions go test', input: edit('README.md', [], ['Run `go test ./...` to check.']) },
    ],
  },
  'suppression-added': {
    trips: [
      { name: 'eslint-disable', input: edit('src/a.ts', [], ['// eslint-disable-next-line @typescript-eslint/no-explicit-any']) },
      { name: '@ts-ignore', input: edit('src/a.ts', [], ['  // @ts-ignore']) },
      { name: '@ts-expect-error', input: edit('src/a.ts', [], ['// @ts-expect-error wrong types']) },
      { name: '@ts-nocheck', input: edit('src/a.ts', [], ['// @ts-nocheck']) },
      { name: '# noqa', input: edit('a.py', ['import os'], ['import os  # noqa: F401']) },
      { name: '# type: ignore', input: edit('a.py', ['x = f()'], ['x = f()  # type: ignore']) },
      { name: '//nolint', input: edit('a.go', ['x := f()'], ['x := f() //nolint:errcheck']) },
      { name: 'pylint disable', input: edit('a.py', [], ['# pylint: disable=all']) },
      { name: 'rust allow', input: edit('src/lib.rs', [], ['#[allow(dead_code)]']) },
    ],
    passes: [
      { name: 'suppression removed', input: edit('src/a.ts', ['// @ts-ignore', 'f(x);'], ['f(x as number);']) },
      { name: 'word "ignore" in a comment', input: edit('src/a.ts', [], ['// ignore empty lines: the type is fine']) },
    ],
  },
  'lint-config-changed': {
    trips: [
      { name: 'eslint flat config', input: edit('eslint.config.mjs', ["'no-explicit-any': 'error',"], ["'no-explicit-any': 'off',"]) },
      { name: 'tsconfig strict off', input: edit('tsconfig.json', ['"strict": true,'], ['"strict": false,']) },
    ],
    passes: [{ name: 'source file mentioning eslint', input: edit('src/lint.ts', [], ["const config = 'eslint.config.mjs';"]) }],
  },
  'ci-config-changed': {
    trips: [
      { name: 'GitHub workflow', input: edit('.github/workflows/ci.yml', ['      - run: npm test'], ['      - run: npm test || true']) },
      { name: 'GitLab CI', input: edit('.gitlab-ci.yml', [], ['  allow_failure: true']) },
    ],
    passes: [{ name: 'docs about workflows', input: edit('docs/ci.md', [], ['Edit .github/workflows/ci.yml to change CI.']) }],
  },
  'dependencies-changed': {
    trips: [
      {
        name: 'package.json dependency',
        input: manifest('package.json', { dependencies: { a: '1.0.0' } }, { dependencies: { a: '1.0.0', 'left-pad': '^1.3.0' } }),
      },
      { name: 'package.json script', input: manifest('package.json', { scripts: { build: 'tsc' } }, { scripts: { build: 'tsc', postinstall: 'node x.js' } }) },
      { name: 'requirements.txt', input: edit('requirements-dev.txt', [], ['requests==2.31.0']) },
      { name: 'go.mod', input: edit('go.mod', [], ['require example.com/x v1.2.3']) },
      {
        name: 'Cargo.toml dependencies',
        input: {
          path: 'Cargo.toml',
          status: 'modified',
          baseText: '[dependencies]\nserde = "1"',
          proposedText: '[dependencies]\nserde = "1"\nrand = "0.8"',
          removedLines: [],
          addedLines: ['rand = "0.8"'],
        },
      },
      {
        name: 'pyproject dependencies',
        input: {
          path: 'pyproject.toml',
          status: 'modified',
          baseText: '[project]\ndependencies = [\n]',
          proposedText: '[project]\ndependencies = [\n  "httpx",\n]',
          removedLines: [],
          addedLines: ['  "httpx",'],
        },
      },
      {
        name: 'unparsable package.json',
        input: { path: 'package.json', status: 'modified', baseText: '{}', proposedText: '{ "dependencies": ', removedLines: [], addedLines: ['x'] },
      },
    ],
    passes: [
      { name: 'package.json version bump', input: manifest('package.json', { version: '1.0.0' }, { version: '1.0.1' }) },
      {
        name: 'Cargo.toml profile',
        input: {
          path: 'Cargo.toml',
          status: 'modified',
          baseText: '[profile.release]\nlto = false',
          proposedText: '[profile.release]\nlto = true',
          removedLines: ['lto = false'],
          addedLines: ['lto = true'],
        },
      },
      { name: 'docs mentioning requirements', input: edit('docs/install.md', [], ['pip install -r requirements.txt']) },
    ],
  },
  'secret-added': {
    trips: [
      { name: 'Anthropic key in config', input: edit('src/config.ts', [], [`const key = "sk-ant-api03-${'a1B2c3D4e5'.repeat(4)}";`]) },
      {
        name: 'private key block',
        input: {
          path: 'deploy/k.txt',
          status: 'added',
          baseText: null,
          proposedText: '',
          removedLines: [],
          addedLines: ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', '-----END PRIVATE KEY-----'],
        },
      },
    ],
    passes: [
      {
        name: 'secret removed, not added',
        input: edit('src/config.ts', [`const key = "sk-ant-api03-${'a1B2c3D4e5'.repeat(4)}";`], ['const key = process.env.ANTHROPIC_API_KEY;']),
      },
      { name: 'UUID added', input: edit('src/ids.ts', [], ['export const NAMESPACE = "123e4567-e89b-12d3-a456-426614174000";']) },
    ],
  },
  'outside-context': {
    trips: [
      { name: 'file outside Context', input: edit('src/billing/charge.ts', ['a'], ['b']), ctx: { ...ctx, planContextPaths: ['src/auth/', 'README.md'] } },
      {
        name: 'sibling sharing a prefix (src/authz vs src/auth)',
        input: edit('src/authz/x.ts', ['a'], ['b']),
        ctx: { ...ctx, planContextPaths: ['src/auth'] },
      },
      {
        name: 'rename from outside',
        input: { ...edit('src/auth/x.ts', [], []), status: 'renamed', oldPath: 'src/billing/x.ts' },
        ctx: { ...ctx, planContextPaths: ['src/auth'] },
      },
    ],
    passes: [
      { name: 'under a Context folder', input: edit('src/auth/login.ts', ['a'], ['b']), ctx: { ...ctx, planContextPaths: ['./src/auth/'] } },
      { name: 'matches a Context glob', input: edit('src/auth/deep/x.test.ts', ['a'], ['b']), ctx: { ...ctx, planContextPaths: ['src/**/*.test.ts'] } },
      { name: 'no Context given', input: edit('anywhere.ts', ['a'], ['b']), ctx: { ...ctx, planContextPaths: [] } },
    ],
  },
  'large-deletion': {
    trips: [
      {
        name: '60 lines removed',
        input: edit(
          'src/big.ts',
          Array.from({ length: 60 }, (_, i) => `line ${i}`),
          ['x'],
        ),
      },
    ],
    passes: [
      {
        name: '60 lines rewritten',
        input: edit(
          'src/big.ts',
          Array.from({ length: 60 }, (_, i) => `a ${i}`),
          Array.from({ length: 60 }, (_, i) => `b ${i}`),
        ),
      },
      {
        name: 'exactly the threshold',
        input: edit(
          'src/big.ts',
          Array.from({ length: 50 }, (_, i) => `line ${i}`),
          [],
        ),
      },
    ],
  },
};

describe('core/policy/tripwires', () => {
  it('has a table entry for every rule and every rule has a title and a reason', () => {
    assert.deepEqual(TRIPWIRE_RULES.map((r) => r.id).sort(), Object.keys(TABLE).sort());
    for (const rule of TRIPWIRE_RULES) assert.ok(rule.title.length > 0 && rule.reason.length > 20, `${rule.id} needs a reason`);
  });

  for (const [id, { trips, passes }] of Object.entries(TABLE)) {
    describe(id, () => {
      for (const c of trips) {
        it(`trips on: ${c.name}`, () => {
          const hits = evaluateTripwires(c.input, c.ctx ?? ctx);
          const hit = hits.find((h) => h.id === id);
          assert.ok(hit, `${c.name}: expected ${id}, got [${hits.map((h) => h.id).join(', ')}]`);
          assert.ok(hit.evidence.length > 0, 'a hit must carry evidence');
        });
      }
      for (const c of passes) {
        it(`does not trip on near miss: ${c.name}`, () => {
          const hits = evaluateTripwires(c.input, c.ctx ?? ctx).map((h) => h.id);
          assert.ok(!hits.includes(id as TripwireId), `${c.name}: ${id} tripped falsely`);
        });
      }
    });
  }

  it('never repeats a secret in its evidence', () => {
    const key = `sk-ant-api03-${'Zx9Yw8Vu7T'.repeat(4)}`;
    const hits = evaluateTripwires(edit('src/a.ts', [], [`const k = "${key}";`]), ctx);
    for (const hit of hits) assert.ok(!hit.evidence.includes(key), `${hit.id} evidence leaked the key`);
  });
});
