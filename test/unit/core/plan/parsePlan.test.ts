import * as assert from 'node:assert/strict';
import { parsePlan, serializePlan } from '../../../../src/core/plan/parsePlan';
import type { ParsedPlan, PlanWarningCode } from '../../../../src/core/plan/types';
import { MAX_WARNINGS } from '../../../../src/core/plan/warnings';
import { fixture, fixtureNames } from './fixtures';

const codes = (plan: ParsedPlan): PlanWarningCode[] => plan.warnings.map((warning) => warning.code);

describe('core/plan parsePlan', () => {
  describe('round trip', () => {
    for (const name of fixtureNames()) {
      it(`serializes ${name} back to the same bytes, also with a BOM and with CRLF`, () => {
        const text = fixture(name);
        for (const variant of [text, `\uFEFF${text}`, text.replace(/\r?\n/g, '\r\n')]) {
          const plan = parsePlan(variant);
          assert.equal(serializePlan(plan), variant, `${name}: parse → serialize changed the text`);
          const pieces = [plan.bom, plan.frontMatter?.raw ?? '', plan.preamble, ...plan.sections.map((s) => s.raw)];
          assert.equal(pieces.join('').length, variant.length, `${name}: the pieces do not cover the text exactly`);
        }
      });
    }

    it('keeps CRLF, a missing final newline and reports the line break it will write', () => {
      const crlf = parsePlan(fixture('crlf.md'));
      assert.equal(crlf.eol, '\r\n', 'a CRLF file must get CRLF in inserted lines');
      assert.deepEqual(
        crlf.steps.map((step) => step.text),
        parsePlan(fixture('wellFormed.md')).steps.map((step) => step.text),
        'a \\r leaked into step text',
      );
      const bare = fixture('noFinalNewline.md');
      assert.ok(!bare.endsWith('\n'), 'fixture noFinalNewline.md gained a final newline');
      assert.deepEqual(parsePlan(bare).constraints, ['src/generated/**', 'package-lock.json'], 'the last line without a newline was not read');
    });
  });

  describe('a well-formed plan', () => {
    const plan = parsePlan(fixture('wellFormed.md'));

    it('reads the front matter', () => {
      assert.deepEqual(
        { title: plan.title, status: plan.status, created: plan.created, model: plan.model },
        { title: 'Add a CSV parser', status: 'approved', created: '2025-01-31', model: 'claude-sonnet-4-5' },
      );
      assert.deepEqual(plan.warnings, [], 'a well-formed plan must have no warnings');
    });

    it('reads every section by kind', () => {
      assert.deepEqual(
        plan.sections.map((s) => s.kind),
        ['goal', 'context', 'steps', 'checks', 'constraints'],
      );
      assert.equal(plan.goal, 'Read RFC 4180 CSV into rows, quoted fields included.', 'goal must be the text without blank lines around it');
    });

    it('reads steps with ids from markers and all four statuses', () => {
      assert.deepEqual(
        plan.steps.map((step) => [step.id, step.status, step.text]),
        [
          ['s1', 'done', 'Write failing tests for quoted fields'],
          ['s2', 'in progress', 'Implement the quoted-field state machine'],
          ['s3', 'pending', 'Wire the parser into `src/index.ts`'],
          ['s4', 'skipped', 'Benchmark against the old splitter'],
        ],
      );
    });

    it('reads context paths from the first code span or link, and notes without a path', () => {
      assert.deepEqual(
        plan.context.map((item) => item.path),
        ['src/csv/parse.ts', 'src/csv/tokenize.ts', undefined],
        'a link fragment (#L10) must not be part of the path',
      );
    });

    it('reads checks and constraints', () => {
      assert.deepEqual(plan.checks, ['npm test', 'npx tsc -p . --noEmit']);
      assert.deepEqual(plan.constraints, ['src/generated/**', 'package-lock.json']);
    });
  });

  it('keeps unknown sections and unknown front matter keys, and a ### heading stays in its section', () => {
    const plan = parsePlan(fixture('unknownSections.md'));
    assert.deepEqual(
      plan.sections.map((s) => [s.name, s.kind]),
      [
        ['Goal', 'goal'],
        ['Risks', undefined],
        ['Steps', 'steps'],
        ['Open questions', undefined],
      ],
    );
    assert.deepEqual(
      plan.frontMatter?.entries.map((entry) => entry.key),
      ['title', 'status', 'created', 'owner', 'tags'],
      'unknown keys were dropped',
    );
    assert.match(plan.sections[2]?.raw ?? '', /### Notes on step 2/, 'the ### heading left the Steps section');
  });

  it('takes the title from a # heading and keeps free text in the preamble and sections', () => {
    const plan = parsePlan(fixture('freeText.md'));
    assert.equal(plan.title, 'Rename the CLI flags');
    assert.match(plan.preamble, /> A quote the author wants to keep\./, 'preamble text lost');
    assert.match(plan.goal, /still the Goal section\.$/, 'a thematic break must not end a section');
    assert.deepEqual(
      plan.steps.map((step) => [step.id, step.status]),
      [
        ['#1', 'pending'],
        ['#2', 'done'],
      ],
      'ordered list steps without markers get ordinal ids',
    );
  });

  it('reads the first of duplicate sections and warns about the rest', () => {
    const plan = parsePlan(fixture('duplicateSections.md'));
    assert.equal(plan.goal, 'The first goal counts.');
    assert.equal(plan.steps.length, 2, 'steps of the second Steps section must not be read');
    assert.deepEqual(codes(plan), ['duplicate-section', 'duplicate-section']);
    assert.equal(plan.warnings[1]?.line, 19, 'the warning must point at the repeated heading');
  });

  it('reads a file with unclosed front matter as Markdown, with one warning', () => {
    const plan = parsePlan(fixture('brokenFrontMatter.md'));
    assert.equal(plan.frontMatter, undefined);
    assert.deepEqual(codes(plan), ['front-matter-unclosed'], 'line warnings of an unclosed front matter are noise');
    assert.match(plan.preamble, /^---\ntitle: Never closed/, 'the unclosed front matter must stay in the text');
    assert.equal(plan.steps[0]?.text, 'Still a step');
  });

  it('warns about front matter it cannot read and still reads the rest', () => {
    const plan = parsePlan(fixture('frontMatterProblems.md'));
    assert.deepEqual(codes(plan), ['unknown-status', 'invalid-created', 'front-matter-line', 'front-matter-duplicate-key']);
    assert.equal(plan.status, 'draft', 'an unknown status must read as draft');
    assert.equal(plan.title, 'Quoted: with a colon', 'the first title wins and its quotes are removed');
    assert.equal(plan.model, "it's quoted", "'' in a single-quoted value is one quote");
  });

  it('reads only top-level checklist items as steps', () => {
    const plan = parsePlan(fixture('nestedLists.md'));
    assert.deepEqual(
      plan.steps.map((step) => step.text),
      ['Parent step one', 'Parent step two', 'A step with a different bullet'],
    );
    assert.deepEqual(codes(plan), ['step-without-checkbox']);
    assert.deepEqual(
      plan.context.map((item) => item.path),
      ['src/a.ts', 'src/b.ts'],
      'nested context items are not paths of their own',
    );
  });

  it('does not start sections or steps inside code fences or HTML comments', () => {
    const plan = parsePlan(fixture('codeFences.md'));
    assert.deepEqual(
      plan.sections.map((s) => s.name),
      ['Goal', 'Steps', 'Checks'],
      'a ## line inside a fence or comment started a section',
    );
    assert.deepEqual(
      plan.steps.map((step) => step.text),
      ['A real step', 'Another real step'],
    );
    assert.deepEqual(plan.checks, ['npm run `quoted`', 'npm test'], 'a double-backtick code span must keep its inner backticks');
  });

  it('warns about a fence that never closes, which swallows the rest', () => {
    const plan = parsePlan('## Goal\n\n```\n## Steps\n- [ ] x\n');
    assert.deepEqual(
      plan.sections.map((s) => s.name),
      ['Goal'],
    );
    assert.deepEqual(codes(plan), ['unclosed-block']);
    assert.equal(plan.warnings[0]?.line, 2);
  });

  it('recognizes the lenient forms of a status and step marks', () => {
    const plan = parsePlan('---\nstatus: In-Review\n---\n## Steps\n- [X] upper case x\n- [~] not a mark\n');
    assert.equal(plan.status, 'in review');
    assert.deepEqual(
      plan.steps.map((step) => step.status),
      ['done'],
    );
    assert.deepEqual(codes(plan), ['unknown-step-mark']);
  });

  it('gives a step with a repeated id its ordinal id and warns', () => {
    const plan = parsePlan('## Steps\n- [ ] a <!-- id: s1 -->\n- [ ] b <!-- id: s1 -->\n');
    assert.deepEqual(
      plan.steps.map((step) => step.id),
      ['s1', '#2'],
    );
    assert.deepEqual(codes(plan), ['duplicate-step-id']);
  });

  it('warns about checks without a command and constraints without a path', () => {
    const plan = parsePlan('## Checks\n- run the tests\n## Constraints\n- do not touch the API\n- dist/**\n- [docs](https://example.com)\n');
    assert.deepEqual(plan.checks, []);
    assert.deepEqual(plan.constraints, ['dist/**'], 'a bare glob is a constraint; a URL is not a path');
    assert.deepEqual(codes(plan), ['check-without-command', 'constraint-without-path', 'constraint-without-path']);
  });

  it('reads code spans and links as CommonMark does', () => {
    const plan = parsePlan('## Context\n- \\`not code\\` then `a.ts`\n- [x](<my dir/b.ts> "title")\n- ``c`d.ts``\n');
    assert.deepEqual(
      plan.context.map((item) => item.path),
      ['a.ts', 'my dir/b.ts', 'c`d.ts'],
      'escaped backticks, <…> destinations or double-backtick spans misread',
    );
  });

  it('caps warnings and counts the rest', () => {
    const plan = parsePlan(`## Checks\n${'- no command\n'.repeat(500)}`);
    assert.equal(plan.warnings.length, MAX_WARNINGS + 1, 'warnings must be capped, plus one that counts the rest');
    assert.match(plan.warnings[MAX_WARNINGS]?.message ?? '', new RegExp(`^${500 - MAX_WARNINGS} more warnings`));
  });

  describe('large and hostile input stays fast', function () {
    // No time budget in the suite (machines are noisy); a quadratic scan of 5 MB takes minutes and
    // runs into this timeout, a linear one takes well under a second.
    this.timeout(60_000);
    const roundTrip = (label: string, text: string): ParsedPlan => {
      const plan = parsePlan(text);
      assert.equal(serializePlan(plan), text, `${label}: round trip failed`);
      return plan;
    };
    const mb5 = 5 * 1024 * 1024;

    it('parses a 5 MB plan and warns that it is large', () => {
      const step = '- [ ] Do one more thing with `src/file.ts` and [a link](docs/x.md)\n';
      const body = `## Steps\n\n${step.repeat(Math.ceil(mb5 / 2 / step.length))}## Notes\n\n${'Free text line.\n'.repeat(Math.ceil(mb5 / 2 / 16))}`;
      const plan = roundTrip('5 MB plan', `---\ntitle: Big\n---\n${body}`);
      assert.ok(plan.steps.length > 30_000, 'the steps of a large plan were not all read');
      assert.ok(
        plan.warnings.some((warning) => warning.code === 'large-plan'),
        'a 5 MB plan must warn that it is large',
      );
    });

    const hostile: [string, () => string][] = [
      ['one heading line of closing hashes', () => `## ${'# '.repeat(mb5 / 2)}x\n`],
      ['backtick runs of growing length', () => `## Checks\n- ${Array.from({ length: 3000 }, (_, i) => '`'.repeat(i + 1)).join(' ')}\n`],
      ['unclosed link openers', () => `## Context\n- ${'[a]('.repeat(mb5 / 4)}\n`],
      ['unclosed brackets', () => `## Constraints\n- ${'['.repeat(mb5)}\n`],
      ['blank lines', () => `## Goal\n${'\n'.repeat(mb5)}x`],
      ['repeated front matter keys', () => `---\n${'a: b\n'.repeat(mb5 / 5)}---\n`],
      ['half a million steps', () => `## Steps\n${'  - [ ] x\n'.repeat(mb5 / 10)}`],
    ];
    for (const [label, make] of hostile) {
      it(`parses 5 MB of ${label} in linear time`, () => {
        roundTrip(label, make());
      });
    }
  });
});
