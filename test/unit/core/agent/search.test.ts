import * as assert from 'node:assert/strict';
import { runAgent } from '../../../../src/core/agent/run';
import { timedSearch } from '../../../../src/node/search/timedSearch';
import { lastToolResults, textReply, toolReply } from '../../../double/script';
import { type Harness, startHarness } from './harness';

/** Exponential backtracking: each extra `a` doubles the work, 40 of them never finish. */
const catastrophic = '^(a+)+$';
const trap = `${'a'.repeat(40)}b`;

describe('agent: search_text has a hard time limit', () => {
  it('stops a catastrophic regular expression and names it; ordinary patterns still match', () => {
    const search = timedSearch(150);
    const started = performance.now();
    const compiled = search.compile(catastrophic, true);
    assert.ok(compiled.ok, compiled.ok ? '' : compiled.message);
    const matched = compiled.value.match(['aaa', trap], 10);
    const elapsed = performance.now() - started;
    assert.ok(!matched.ok, 'the match must be stopped, not finish');
    assert.equal(matched.code, 'E_REGEX_TIMEOUT');
    assert.match(matched.message, /\^\(a\+\)\+\$.*150 ms limit.*catastrophic backtracking/);
    assert.ok(elapsed < 1000, `stopped after ${Math.round(elapsed)} ms, the limit is 150 ms`);

    const ordinary = search.compile('gre+t\\(', true);
    assert.ok(ordinary.ok);
    assert.deepEqual(
      ordinary.value.match(['greet(x)', 'nope', 'greeet(', 'greet('], 2),
      { ok: true, value: [0, 2] },
      'indexes of matching lines, at most limit',
    );
    const literal = search.compile('a.b', false);
    assert.ok(literal.ok);
    assert.deepEqual(literal.value.match(['a.b', 'axb'], 10), { ok: true, value: [0] }, 'a literal is not a regular expression');
    const invalid = search.compile('(unclosed', true);
    assert.ok(!invalid.ok && /invalid regular expression/.test(invalid.message), 'an invalid pattern says so');
  });

  it('shares one budget across the files of a search', () => {
    const compiled = timedSearch(150).compile(catastrophic, true);
    assert.ok(compiled.ok);
    // Each file alone is well under the limit; together they are not.
    const slow = `${'a'.repeat(20)}b`;
    let failure: string | undefined;
    for (let file = 0; file < 400 && failure === undefined; file++) {
      const matched = compiled.value.match([slow, slow], 10);
      if (!matched.ok) failure = matched.code;
    }
    assert.equal(failure, 'E_REGEX_TIMEOUT', 'many cheap-looking files must not add up to an unbounded search');
  });

  describe('through the tool', () => {
    let h: Harness | undefined;
    afterEach(async () => h?.close());

    const useShortLimit = (harness: Harness): void => {
      harness.files.search = timedSearch(150);
      harness.deps.search = timedSearch(150);
    };

    it('a catastrophic pattern over the files on disk is an is_error result, and the run goes on', async () => {
      h = await startHarness(
        [toolReply([{ name: 'search_text', input: { pattern: catastrophic, is_regex: true } }]), textReply('I will search differently.')],
        { 'src/a.txt': `${trap}\n` },
      );
      useShortLimit(h);
      const run = await runAgent(h.deps, h.options());
      assert.equal(run.state, 'done', run.error);
      const [result] = lastToolResults(h.double.messageRequests()[1]?.body ?? null);
      assert.equal(result?.isError, true, 'the timeout must be an error result');
      assert.match(result?.text ?? '', /search_text failed: the regular expression .* ran longer than its 150 ms limit/);
    });

    it('a catastrophic pattern over a proposed file is an is_error result too', async () => {
      h = await startHarness(
        [
          toolReply([{ name: 'create_file', input: { path: 'src/new.txt', content: `${trap}\n`, step: 's1' } }]),
          toolReply([{ name: 'search_text', input: { pattern: catastrophic, is_regex: true } }]),
          textReply('done'),
        ],
        // No file on disk: the workspace search then runs no regex, so on a loaded machine its
        // time budget cannot run out first; the proposed file's is the one this test is about.
        {},
      );
      useShortLimit(h);
      const run = await runAgent(h.deps, h.options());
      assert.equal(run.state, 'done', run.error);
      const [result] = lastToolResults(h.double.messageRequests()[2]?.body ?? null);
      assert.equal(result?.isError, true, JSON.stringify(result));
      assert.match(result?.text ?? '', /^search_text: the regular expression .* 150 ms limit/);
    });
  });
});
