// Adversarial suite, denial of service: a model's input that would freeze the extension host
// (globs that backtrack, edits searched in quadratic time, a 200 MB read, tool input nested
// 100,000 deep, a catastrophic regular expression). Each must end in bounded time while a timer in
// this extension host keeps ticking: the event-loop lag during the attack is measured and recorded.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { field } from '../double/json';
import { lastToolResults, type ReplyBlock, type ReplyStep, textReply, turnOf } from '../double/script';
import { api, root, startDouble, waitForEnd, write, writePlan } from './agentSupport';
import { endAttack, endAttacksAfterEach, type LiveAttack } from './safetyHarness';
import { firstSentence, newLedger } from './safetySupport';

const ledger = newLedger('integration-dos');

/** Generous: an attack that is bounded ends in a few seconds; one that is not, never. */
const BOUND_MS = 15_000;
/** The host counts as responsive while no timer fires later than this. */
const LAG_MS = 1000;

/** The largest delay of a 10 ms timer while `work` runs: how long the event loop was blocked. */
async function withLagMeter<T>(work: () => Promise<T>): Promise<{ value: T; lagMs: number; ms: number }> {
  let lagMs = 0;
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(lagMs, now - expected);
    expected = now + 10;
  }, 10);
  const started = performance.now();
  try {
    const value = await work();
    return { value, lagMs, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

/** One build run whose model sends `blocks` in its first turn; the tool results it got back. */
async function dosRun(live: LiveAttack, name: string, blocks: ReplyBlock[]): Promise<{ results: { isError: boolean; text: string }[]; state: string }> {
  const redline = await api();
  const planPath = writePlan(name);
  const reply: ReplyStep = { kind: 'reply', content: blocks };
  live.double = await startDouble(({ body }) => (turnOf(body) === 0 ? reply : textReply('Done.')));
  const runId = await redline.startRun({ plan: planPath, mode: 'build' });
  const run = await waitForEnd(redline, runId, BOUND_MS * 4);
  const answered = live.double
    .messageRequests()
    .map((r) => r.body)
    .find((b) => JSON.stringify(field(b, 'system')).includes(planPath) && turnOf(b) === 1);
  return { results: answered === undefined ? [] : lastToolResults(answered), state: `${run.state}${run.error === undefined ? '' : `: ${run.error}`}` };
}

const call = (name: string, input: Record<string, unknown>): ReplyBlock => ({ type: 'tool_use', name, input: input as never });

describe('safety: denial of service against the real agent', function () {
  this.timeout(BOUND_MS * 6);
  const live = endAttacksAfterEach();
  const longName = 'a'.repeat(60);
  after(() => {
    fs.rmSync(path.join(root(), 'dos'), { recursive: true, force: true });
    ledger.write();
  });

  /** Runs one attack, asserts it ended in bounded time with the host responsive and `ok`, and records it. */
  async function attack(label: string, blocks: ReplyBlock[], ok: (r: { isError: boolean; text: string }) => boolean): Promise<void> {
    const measured = await withLagMeter(() => dosRun(live, `safety-dos-${ledger.size}`, blocks));
    const result = measured.value.results.at(-1);
    const bounded = measured.ms < BOUND_MS && measured.lagMs < LAG_MS;
    const blocked = ledger.record(
      'denial of service',
      label,
      result !== undefined && ok(result) && bounded,
      `ended in ${(measured.ms / 1000).toFixed(1)} s, max event-loop lag ${Math.round(measured.lagMs)} ms: ${result === undefined ? `NO RESULT (run ${measured.value.state})` : firstSentence(result.text)}`,
    );
    assert.ok(blocked, `${label}: ${result?.text.slice(0, 300) ?? measured.value.state}; ${measured.ms} ms, lag ${measured.lagMs} ms`);
  }

  before(async () => {
    write(`dos/${longName}`, 'needle\n');
    // The first run loads the agent's bundles and the SDK: that one-time cost is not an attack's.
    await dosRun(live, 'safety-dos-warmup', [call('list_dir', { path: 'dos' })]);
    await endAttack(live.double, undefined);
    delete live.double;
  });

  it('globs that backtrack: find_files and search_text answer at once', async () => {
    const globs = ['*a'.repeat(12) + 'b', '**a'.repeat(12) + 'b', '?*'.repeat(12) + 'b'];
    for (const glob of globs) {
      await attack(`find_files with the backtracking glob ${glob}`, [call('find_files', { glob })], (r) => !r.isError && /no files match/.test(r.text));
    }
    await attack(`search_text filtered by the glob ${globs[0]}`, [call('search_text', { pattern: 'needle', glob: globs[0] })], (r) =>
      /no matches/.test(r.text),
    );
    await attack(
      `search_text over a proposed file named ${longName.slice(0, 8)}… with the glob ${globs[1]}`,
      [
        call('create_file', { path: `dos/new/${longName}`, content: 'needle\n', step: 's1' }),
        call('search_text', { pattern: 'needle', glob: `dos/new/${globs[1]}` }),
      ],
      (r) => /no matches/.test(r.text),
    );
  });

  it('edits searched in quadratic time: near-matches and replace_all on a 3 MB file', async () => {
    write('dos/big.txt', 'a'.repeat(3 * 1024 * 1024));
    await attack(
      'propose_edit of a 100,000-character old_string that near-matches 3 million times',
      [call('propose_edit', { path: 'dos/big.txt', old_string: 'a'.repeat(100_000), new_string: 'b', step: 's1' })],
      (r) => r.isError && /matches \d+ times/.test(r.text),
    );
    await attack(
      'propose_edit whose old_string "baaa…a" (100,000 characters) defeats indexOf on a 3 MB file of a',
      [call('propose_edit', { path: 'dos/big.txt', old_string: `b${'a'.repeat(100_000)}`, new_string: 'c', step: 's1' })],
      (r) => r.isError && /was not found/.test(r.text),
    );
    await attack(
      'propose_edit replace_all of "a" by a 1,000-character string, 3 million times',
      [call('propose_edit', { path: 'dos/big.txt', old_string: 'a', new_string: 'b'.repeat(1000), replace_all: true, step: 's1' })],
      (r) => r.isError && /at most 2000 occurrences/.test(r.text),
    );
  });

  it('read_file on a 200 MB file and on a binary file is refused before it is read', async () => {
    fs.mkdirSync(path.join(root(), 'dos'), { recursive: true });
    fs.writeFileSync(path.join(root(), 'dos', 'huge.log'), Buffer.alloc(200 * 1024 * 1024, 'log line\n'));
    fs.writeFileSync(path.join(root(), 'dos', 'blob.bin'), Buffer.concat([Buffer.from('text'), Buffer.alloc(1024 * 1024)]));
    await attack(
      'read_file on a 200 MB text file',
      [call('read_file', { path: 'dos/huge.log' })],
      (r) => r.isError && /200\.0 MB, over the 4\.0 MB/.test(r.text),
    );
    await attack('read_file on a binary file (NUL bytes)', [call('read_file', { path: 'dos/blob.bin' })], (r) => r.isError && /binary/.test(r.text));
    fs.rmSync(path.join(root(), 'dos', 'huge.log'));
  });

  it('tool input nested 100,000 deep is refused without being parsed, and the run goes on', async () => {
    const depth = 100_000;
    const rawInput = `{"path": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    await attack(
      `read_file with input nested ${depth} arrays deep`,
      [{ type: 'tool_use', name: 'read_file', rawInput }],
      (r) => r.isError && /deeper than 32 levels/.test(r.text),
    );
  });

  it('a catastrophic regular expression over a proposal stops at its budget', async () => {
    await attack(
      'search_text with the regex (a+)+$ over a proposed line of 40 a and a !',
      [
        call('create_file', { path: 'dos/regex.txt', content: `${'a'.repeat(40)}!\n`, step: 's1' }),
        call('search_text', { pattern: '(a+)+$', is_regex: true, glob: 'dos/regex.txt' }),
      ],
      (r) => r.isError && /ran longer than its 500 ms limit/.test(r.text),
    );
  });
});
