import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCheckCommand } from '../../../../src/core/policy/checkCommand';
import { createDenyPolicy } from '../../../../src/core/policy/denyList';
import { evaluateTripwires } from '../../../../src/core/policy/tripwires';
import { DEFAULT_DELETION_THRESHOLD } from '../../../../src/core/policy/tripwireTypes';

/** Properties that cut across modules: robustness on arbitrary input and case-insensitivity. */
describe('core/policy properties', () => {
  it('parseCheckCommand: single-quoting any argv round-trips, and no input throws', () => {
    const word = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes("'") && !/[\0-\x1f\x7f]/.test(s));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.string(), (argv, noise) => {
        parseCheckCommand(noise);
        const [first] = argv;
        if (first === undefined || /^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) return;
        const parsed = parseCheckCommand(argv.map((a) => `'${a}'`).join(' '));
        assert.ok(parsed.ok, `quoted argv ${JSON.stringify(argv)} must parse`);
        assert.deepEqual([parsed.value.file, ...parsed.value.args], argv);
      }),
      { numRuns: 500 },
    );
  });

  it('deny list: a denied name stays denied in any case and at any depth', () => {
    const deny = createDenyPolicy();
    const flipCase = (s: string, mask: readonly boolean[]) =>
      [...s].map((c, i) => (mask[i % mask.length] === true ? c.toUpperCase() : c.toLowerCase())).join('');
    fc.assert(
      fc.property(
        fc.constantFrom('.env', '.env.local', 'id_rsa', 'server.pem', '.npmrc', '.aws/credentials', 'cert.p12', '.git-credentials'),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom('a', 'src', 'deep', 'x.y'), { maxLength: 4 }),
        (name, mask, dirs) => {
          const path = [...dirs, flipCase(name, mask)].join('/');
          assert.notEqual(deny.deniedBy(path), undefined, `${path} escaped the deny list`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tripwires: arbitrary hunks never throw and every hit names a known rule', () => {
    const lines = fc.array(
      fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("it.only('x', () => {", 'expect(a).toBe(1);', '// @ts-ignore', '[tool.coverage.run]', '{')),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom('src/a.ts', 'test/a.test.ts', 'package.json', 'pyproject.toml', '.github/workflows/ci.yml', 'go.mod', 'Cargo.toml'),
        fc.constantFrom('modified', 'added', 'deleted', 'renamed') as fc.Arbitrary<'modified' | 'added' | 'deleted' | 'renamed'>,
        lines,
        lines,
        (path, status, removed, added) => {
          const hits = evaluateTripwires(
            { path, status, baseText: removed.join('\n'), proposedText: added.join('\n'), removedLines: removed, addedLines: added },
            { deletionThreshold: DEFAULT_DELETION_THRESHOLD, planContextPaths: ['src/'] },
          );
          for (const hit of hits) assert.ok(hit.reason.length > 0 && hit.evidence.length > 0, `${hit.id} without reason or evidence`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
