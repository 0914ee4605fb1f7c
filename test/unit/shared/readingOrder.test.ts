import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type FileKind, intentLine, MAX_INTENT, readingOrder, tierReason, type Orderable } from '../../../src/shared/readingOrder';

interface H extends Orderable {
  readonly id: string;
}

const hunk = (id: string, file: number, opts: { flags?: string[]; intent?: string } = {}): H => ({
  id,
  file,
  flags: (opts.flags ?? []).map((f) => ({ id: f })),
  ...(opts.intent === undefined ? {} : { intent: opts.intent }),
});

const ids = (groups: ReturnType<typeof readingOrder<H>>): string[][] => groups.map((g) => g.hunks.map((h) => h.id));

describe('shared/readingOrder', () => {
  // Files: 0 lockfile, 1 source, 2 test, 3 generated.
  const kinds: FileKind[] = ['lockfile', 'source', 'test', 'generated'];
  const kindOf = (file: number): FileKind => kinds[file] ?? 'source';

  it('puts flagged hunks first, then source, tests, generated files and lockfiles', () => {
    const groups = readingOrder([hunk('lock', 0), hunk('src', 1), hunk('wire', 1, { flags: ['test-deleted'] }), hunk('test', 2), hunk('gen', 3)], kindOf);
    assert.deepEqual(
      groups.map((g) => g.tier),
      ['flagged', 'source', 'tests', 'generated'],
    );
    assert.deepEqual(ids(groups), [['wire'], ['src'], ['test'], ['lock', 'gen']], 'each tier keeps file order');
  });

  it('keeps a lockfile flagged only for being one in its place, and lifts one with another flag', () => {
    const groups = readingOrder(
      [
        hunk('deps', 0, { flags: ['dependencies-changed', 'protected:lockfile'] }),
        hunk('secret', 0, { flags: ['dependencies-changed', 'secret-added'] }),
        hunk('src', 1, { flags: ['dependencies-changed'] }),
      ],
      kindOf,
    );
    assert.deepEqual(
      groups.map((g) => [g.tier, g.hunks.map((h) => h.id)]),
      [
        ['flagged', ['secret', 'src']],
        ['generated', ['deps']],
      ],
    );
  });

  it('groups by intent first, intents in the order they first appear, and risk within each', () => {
    const groups = readingOrder(
      [hunk('a1', 2, { intent: 'cover login' }), hunk('b1', 1, { intent: 'add login' }), hunk('a2', 1, { intent: 'cover login' }), hunk('n', 1)],
      kindOf,
    );
    assert.deepEqual(
      groups.map((g) => [g.intent, g.tier]),
      [
        ['cover login', 'source'],
        ['cover login', 'tests'],
        ['add login', 'source'],
        [undefined, 'source'],
      ],
    );
    assert.deepEqual(ids(groups), [['a2'], ['a1'], ['b1'], ['n']]);
  });

  it('reads the intent with the riskiest hunk first, whatever its place in the files', () => {
    const groups = readingOrder([hunk('lock', 0, { intent: 'bump' }), hunk('t', 2, { intent: 'bump' }), hunk('w', 1, { intent: 'fix', flags: ['x'] })], kindOf);
    assert.deepEqual(
      groups.map((g) => [g.intent, g.tier]),
      [
        ['fix', 'flagged'],
        ['bump', 'tests'],
        ['bump', 'generated'],
      ],
    );
  });

  it('says why each group sits where it does', () => {
    const [flagged, source, tests, generated] = readingOrder(
      [hunk('w', 1, { flags: ['skip-added', 'protected:ci'] }), hunk('w2', 1, { flags: ['lint-disabled'] }), hunk('s', 1), hunk('t', 2), hunk('g', 0)],
      kindOf,
    );
    assert.ok(flagged && source && tests && generated);
    assert.equal(tierReason(flagged), 'flagged: 2 tripwires, 1 protected path');
    assert.equal(tierReason(readingOrder([hunk('w', 1, { flags: ['x'] })], kindOf)[0] as never), 'flagged: 1 tripwire');
    assert.equal(tierReason(source), 'source');
    assert.equal(tierReason(tests), 'tests');
    assert.equal(tierReason(generated), 'generated, collapsed');
  });

  const arbHunks = fc
    .array(fc.record({ file: fc.nat({ max: 6 }), flagged: fc.boolean(), intent: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }) }), {
      maxLength: 60,
    })
    .map((rows) => rows.map((r, i) => hunk(`h${i}`, r.file, { flags: r.flagged ? ['t'] : [], ...(r.intent === undefined ? {} : { intent: r.intent }) })));

  it('is a permutation of its input, stable within a group, and deterministic (property)', () => {
    fc.assert(
      fc.property(arbHunks, (hunks) => {
        const groups = readingOrder(hunks, kindOf);
        const flat = groups.flatMap((g) => g.hunks);
        assert.deepEqual(
          [...flat].sort((x, y) => x.id.localeCompare(y.id)),
          [...hunks].sort((x, y) => x.id.localeCompare(y.id)),
          'every hunk exactly once',
        );
        for (const g of groups) {
          const positions = g.hunks.map((h) => hunks.indexOf(h));
          assert.deepEqual(
            positions,
            [...positions].sort((x, y) => x - y),
            'a group keeps the input order',
          );
          assert.ok(g.hunks.length > 0, 'no empty group');
        }
        assert.deepEqual(ids(readingOrder(hunks, kindOf)), ids(groups), 'the same input gives the same order');
      }),
    );
  });

  it("keeps an intent's groups together, intents by their riskiest hunk (property)", () => {
    const rank = { flagged: 0, source: 1, tests: 2, generated: 3 };
    fc.assert(
      fc.property(arbHunks, (hunks) => {
        const order: (string | undefined)[] = [];
        const worst: number[] = [];
        for (const g of readingOrder(hunks, kindOf)) {
          if (order[order.length - 1] === g.intent && order.length > 0) continue;
          assert.ok(!order.includes(g.intent), `the groups of ${g.intent} are apart`);
          order.push(g.intent);
          worst.push(rank[g.tier]);
        }
        assert.deepEqual(
          worst,
          [...worst].sort((a, b) => a - b),
          'an intent with a riskier hunk comes later',
        );
      }),
    );
  });

  it('within an intent, never lists a lower-risk tier before a higher one (property)', () => {
    const rank = { flagged: 0, source: 1, tests: 2, generated: 3 };
    fc.assert(
      fc.property(arbHunks, (hunks) => {
        const seen = new Map<string | undefined, number>();
        for (const g of readingOrder(hunks, kindOf)) {
          const before = seen.get(g.intent);
          assert.ok(before === undefined || before < rank[g.tier], `tier ${g.tier} of ${g.intent} comes after a tier of higher rank or twice`);
          seen.set(g.intent, rank[g.tier]);
        }
      }),
    );
  });

  it('folds an intent to one header line of at most MAX_INTENT characters', () => {
    assert.equal(intentLine('  add\n login \t flow '), 'add login flow');
    const long = intentLine('x'.repeat(500));
    assert.equal(long.length, MAX_INTENT);
    assert.ok(long.endsWith('…'));
  });
});
