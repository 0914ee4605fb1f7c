import fc from 'fast-check';

/** Cases per property: thousands each, while the whole suite stays well under 30 s. */
export const RUNS = 2500;

/**
 * Small alphabets make repeated and moved lines common, which is where diffs and merges go
 * wrong; mixed terminators and a missing final newline are always in play.
 */
const content = fc.constantFrom('a', 'b', 'c', 'd', '', 'x y', '\tz', 'a b c');
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n');

export const textArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(content, eol), { maxLength: 12 }), fc.boolean(), content)
  .map(([lines, finalNewline, last]) => lines.map(([c, e]) => c + e).join('') + (finalNewline ? '' : last));

/** A proposal derived from the base by line edits, so hunks mix context and changes. */
export const pairArb: fc.Arbitrary<{ base: string; proposed: string }> = fc
  .tuple(textArb, fc.array(fc.tuple(fc.nat(20), fc.constantFrom('insert', 'delete', 'replace'), content), { maxLength: 6 }), fc.boolean(), textArb)
  .map(([base, ops, unrelated, other]) => {
    if (unrelated) return { base, proposed: other };
    const lines = base.split(/(?<=\n)/).filter((l) => l.length > 0);
    for (const [at, op, c] of ops) {
      const i = lines.length === 0 ? 0 : at % (lines.length + 1);
      if (op === 'insert') lines.splice(i, 0, `${c}+\n`);
      else if (op === 'delete') lines.splice(i, 1);
      else if (i < lines.length) lines[i] = `${c}*\n`;
    }
    let proposed = lines.join('');
    // Only the last line may lack its newline.
    proposed = lines.map((l, k) => (k < lines.length - 1 && !l.endsWith('\n') ? `${l}\n` : l)).join('');
    return { base, proposed };
  });
