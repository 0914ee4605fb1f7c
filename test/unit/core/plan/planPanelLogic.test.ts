import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '../../../../src/core/plan/parsePlan';
import { renderPlan } from '../../../../src/core/plan/render';
import { RunLog } from '../../../../src/core/runs/runLog';
import { planStepStatus } from '../../../../src/core/agent/planStepStatus';
import { approvalEdit } from '../../../../src/core/plan/transitions';
import { wholeTextChange, withLineBreaks } from '../../../../src/core/plan/textChange';
import { applyChanges } from '../../../../src/core/plan/editPlan';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'plan', name), 'utf8');

describe('plan panel: rendering', () => {
  it('puts source lines on blocks and steps, ids and statuses from the model', () => {
    const { html } = renderPlan(parsePlan(fixture('wellFormed.md')));
    assert.ok(html?.includes('<section data-section="Steps" data-line="17">'), 'the Steps section is not on line 17');
    assert.ok(html?.includes('data-line="20" data-step="s2" data-status="in progress"'), 'the [/] step is not an in-progress step on line 20');
    assert.ok(!html?.includes('<!--'), 'id markers leaked into the HTML');
    assert.ok(!html?.includes('[/]') && !html?.includes('[-]'), 'the [/] and [-] marks show as text in the rendered steps');
  });

  it('keeps link targets on the host and gives the HTML only their index', () => {
    const { html, links } = renderPlan(parsePlan('## Goal\n\nSee [docs](https://example.com/a?b=1) and <https://x.example/>.\n'));
    assert.deepEqual(links, ['https://example.com/a?b=1', 'https://x.example/']);
    assert.ok(!/href=/.test(html ?? ''), 'a link kept its href');
    assert.ok(html?.includes('data-link="1"'), 'the autolink has no index');
  });

  it('loads only embedded raster images', () => {
    const { html } = renderPlan(parsePlan('![x](https://evil.example/p.png) ![y](data:image/png;base64,AAAA) ![z](data:image/svg+xml;base64,AAAA)\n'));
    assert.ok(!html?.includes('evil.example'), 'a remote image URL is in the HTML');
    assert.ok(html?.includes('src="data:image/png;base64,AAAA"'), 'the embedded PNG was dropped');
    assert.ok(!html?.includes('svg+xml'), 'an SVG data image was kept');
  });

  it('does not render a plan over the large-plan size (the panel shows its text)', () => {
    const big = `## Goal\n\n${'word '.repeat(300_000)}\n`;
    assert.equal(renderPlan(parsePlan(big)).html, undefined);
  });
});

describe('plan panel: run log', () => {
  it('grows streamed text in one entry and reports only the changed tail', () => {
    const log = new RunLog();
    log.apply({ type: 'turn_start', turn: 1 });
    log.apply({ type: 'text', text: 'Hel' });
    assert.deepEqual(log.flush(), { from: 0, entries: [{ kind: 'text', text: 'Hel' }] });
    log.apply({ type: 'text', text: 'lo' });
    assert.deepEqual(log.flush(), { from: 0, entries: [{ kind: 'text', text: 'Hello' }] });
    log.apply({ type: 'tool_call', id: 't1', name: 'read_file', input: { path: 'src/a.ts' } });
    const flushed = log.flush();
    assert.equal(flushed?.from, 1);
    assert.equal(flushed?.entries[0]?.path?.label, 'src/a.ts');
    assert.equal(log.pathOf(flushed?.entries[0]?.path?.id ?? ''), 'src/a.ts', 'the path id does not map back');
    assert.equal(log.flush(), undefined, 'a flush with no change sent entries');
  });

  it('turns a dropped stream into a retry note instead of half a message', () => {
    const log = new RunLog();
    log.apply({ type: 'text', text: 'partial' });
    log.apply({ type: 'retry', attempt: 2, reason: 'stream dropped' });
    assert.equal(log.all().length, 1);
    assert.equal(log.all()[0]?.kind, 'info');
  });
});

describe('plan panel: transitions and text', () => {
  it('approval assigns step ids before setting the status', () => {
    const text = '---\ntitle: T\nstatus: draft\n---\n\n## Steps\n\n- [ ] one\n- [ ] two\n';
    const edit = approvalEdit(text);
    assert.ok(edit.ok);
    const plan = parsePlan(edit.value.after);
    assert.equal(plan.status, 'approved');
    assert.deepEqual(
      plan.steps.map((s) => s.id),
      ['s1', 's2'],
    );
    assert.equal(applyChanges(text, edit.value.changes), edit.value.after, 'the changes do not give the new text');
  });

  it('refuses to approve a plan whose front matter is unclosed (nothing is rewritten)', () => {
    assert.equal(approvalEdit(fixture('brokenFrontMatter.md')).ok, false);
  });

  it('maps agent step statuses onto checkbox statuses', () => {
    assert.equal(planStepStatus('in_progress'), 'in progress');
    assert.equal(planStepStatus('blocked'), undefined);
  });

  it('makes one small change and keeps CRLF pairs whole', () => {
    assert.deepEqual(wholeTextChange('a\r\nb', 'a\r\nc'), [{ start: 3, end: 4, text: 'c' }]);
    const [change] = wholeTextChange('x\r\ny', 'x\r\r\ny');
    assert.ok(change && change.start <= 1, 'the change splits a CRLF');
    assert.equal(withLineBreaks('a\nb\n', '\r\n'), 'a\r\nb\r\n');
  });
});
