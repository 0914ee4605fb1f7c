import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { systemPrompt } from '../../../src/core/agent/prompt';
import { parsePlan } from '../../../src/core/plan/parsePlan';
import { planFromDraft } from '../../../src/core/runs/planFile';
import { openingPrompt } from '../../../src/core/runs/prompts';
import type { Json } from '../../double/json';
import { compileJsonScript, parseJsonScript } from '../../double/jsonScript';
import type { ScriptFn, Step } from '../../double/script';

// The offline demo's model answers the README's walk-through and nothing else: a request it was
// not scripted for gets an honest answer, never the walk-through's plan or edits.
const root = path.resolve(__dirname, '..', '..', '..');
const WHAT_IT_IS = "demo model: scripted replies to the README's walk-through";
const HONEST = /the demo model only knows the README's walk-through/i;

function demoScript(): ScriptFn {
  const parsed = parseJsonScript(readFileSync(path.join(root, 'examples', 'demo-model.json'), 'utf8'));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
  return compileJsonScript(parsed.script);
}

const PLAN_PATH = '.redline/plans/draft.md';
const EMPTY_PLAN = '# Untitled\n';
const CAP_PLAN = '# Cap slug length\n\n## Steps\n\n- [ ] Add `truncateWords`\n\n## Checks\n\n- `npm test`\n';

/** A request as the agent sends it: the core's own system prompt and opening message, the mode's tools. */
function request(mode: 'plan' | 'build', planText: string, messages: Json[]): Json {
  const tools = (mode === 'plan' ? ['read_file', 'list_dir'] : ['read_file', 'propose_edit', 'create_file']).map((name) => ({ name }));
  const plan = { path: PLAN_PATH, text: planText, steps: [], checks: [] };
  return { system: systemPrompt(mode, undefined, plan) as unknown as Json, tools, messages };
}

const user = (text: string): Json => ({ role: 'user', content: [{ type: 'text', text }] });
const assistantReading: Json = { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'read_file', input: { path: 'src/slugify.ts' } }] };
const readResult: Json = { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'export function slugify() {}' }] };

function texts(step: Step): string {
  return step.kind === 'error' ? '' : step.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
}
function toolCalls(step: Step): string[] {
  return step.kind === 'error' ? [] : step.content.flatMap((b) => (b.type === 'tool_use' ? [b.name] : []));
}
function draftIntent(intent: string): string {
  const text = openingPrompt({ plan: PLAN_PATH, mode: 'plan', intent });
  assert.ok(text !== undefined);
  return text;
}

describe('the offline demo model: scripted for the walk-through, honest off it', () => {
  const script = demoScript();
  const play = (body: Json): Step => script({ body, index: 0 });

  it('answers the scripted intent with reads, then the Cap slug length plan, saying what it is', () => {
    const opening = user(draftIntent('Cap slug length'));
    const first = play(request('plan', EMPTY_PLAN, [opening]));
    assert.deepEqual(toolCalls(first), ['read_file', 'list_dir'], 'the scripted intent did not start by reading the code');
    assert.ok(texts(first).includes(WHAT_IT_IS), `the reply does not say it is the demo model: ${texts(first)}`);
    const second = play(request('plan', EMPTY_PLAN, [opening, assistantReading, readResult]));
    const plan = planFromDraft(texts(second), parsePlan(EMPTY_PLAN));
    assert.match(plan ?? '', /^# Cap slug length\n/, 'the scripted intent did not get the Cap slug length plan');
    assert.ok(!(plan ?? '').includes(WHAT_IT_IS), 'the demo label leaked into the plan file');
  });

  for (const intent of ['Add a title-case helper', 'cap slug length please, in French']) {
    it(`answers the unscripted intent ${JSON.stringify(intent)} honestly and proposes no plan`, () => {
      const opening = user(draftIntent(intent));
      for (const messages of [[opening], [opening, assistantReading, readResult]]) {
        const step = play(request('plan', EMPTY_PLAN, messages));
        assert.equal(step.kind, 'reply');
        assert.deepEqual(toolCalls(step), [], 'the demo model acted on an intent it was not scripted for');
        assert.ok(HONEST.test(texts(step)), `no honest answer: ${texts(step)}`);
        assert.match(texts(step), /Redline: Set API Key/);
        assert.match(texts(step), /--real-model/);
        assert.equal(planFromDraft(texts(step), parsePlan(EMPTY_PLAN)), undefined, 'the honest answer would be put up as a plan');
      }
    });
  }

  it('answers a revision comment it was not scripted for honestly, and the scripted one with the revised plan', () => {
    const revise = (comment: string): Step =>
      play(request('plan', CAP_PLAN, [user(openingPrompt({ plan: PLAN_PATH, mode: 'plan', comments: [{ text: comment, line: 4 }] }) ?? '')]));
    assert.match(texts(revise('Also export truncateWords from src/index.ts')), /src\/index\.ts/);
    const other = revise('Use kebab case for the file names');
    assert.ok(HONEST.test(texts(other)), `no honest answer: ${texts(other)}`);
    assert.equal(planFromDraft(texts(other), parsePlan(CAP_PLAN)), undefined, 'the scripted revision went into an unscripted one');
  });

  it('builds only the walk-through plan, and answers a continued run honestly', () => {
    const start = user('Implement the plan, step by step, as proposals.');
    assert.deepEqual(toolCalls(play(request('build', CAP_PLAN, [start]))), ['read_file', 'read_file'], 'the walk-through build did not start');
    const unrelated = play(request('build', '# Title-case helper\n\n## Steps\n\n- [ ] Add `titleCase`\n', [start]));
    assert.deepEqual(toolCalls(unrelated), [], 'the walk-through edits were proposed for another plan');
    assert.ok(HONEST.test(texts(unrelated)), `no honest answer: ${texts(unrelated)}`);
    // A finished build's transcript: reads, proposals, the check, the follow-ups; then the user's message.
    const turns: Json[] = [start, assistantReading, readResult];
    for (const name of ['set_step_status', 'run_check']) {
      turns.push({ role: 'assistant', content: [{ type: 'tool_use', id: name, name, input: {} }] });
      turns.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: name, content: 'ok' }] });
    }
    for (const text of ['All proposed.', 'Re-read your changes against the plan', 'Every step is done.', 'Are the tests you wrote able to fail?', 'Summary.']) {
      turns.push(text.endsWith('.') ? { role: 'assistant', content: [{ type: 'text', text }] } : user(text));
    }
    const continued = play(request('build', CAP_PLAN, [...turns, user('Now add a changelog entry')]));
    assert.deepEqual(toolCalls(continued), [], 'a continued run got scripted edits');
    assert.ok(HONEST.test(texts(continued)), `no honest answer to a continued run: ${texts(continued)}`);
  });

  it('says what it is in every scripted reply', () => {
    const parsed = parseJsonScript(readFileSync(path.join(root, 'examples', 'demo-model.json'), 'utf8'));
    assert.ok(parsed.ok);
    for (const [i, rule] of [...parsed.script.rules.map((r) => r.reply), parsed.script.fallback].entries()) {
      assert.ok(rule !== undefined && texts(rule).startsWith(`[${WHAT_IT_IS}]`), `reply ${i} does not start by saying it is the demo model`);
    }
  });
});
