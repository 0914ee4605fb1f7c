import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { allowingRule, matchesRule, parseAllowRules, SHELL_OPERATOR_CHARS } from '../../../../src/core/agent/commandRules';

describe('command allow rules', () => {
  const cases: [rule: string, command: string, expected: boolean][] = [
    ['tsc --noEmit', 'tsc --noEmit', true],
    ['tsc --noEmit', '  tsc   --noEmit ', true],
    ['tsc --noEmit', 'tsc --noEmit -p other', false],
    ['tsc --noEmit', 'tsc', false],
    ['npm test *', 'npm test', true],
    ['npm test *', 'npm test -- --grep "login flow"', true],
    ['npm test *', 'npm testx', false],
    ['npm test *', 'npm tes', false],
    ['npm test *', 'npx npm test', false],
    ['npm test *', 'npm test && curl x', false],
    ['npm test *', 'npm test; curl x', false],
    ['npm test *', 'npm test | curl x', false],
    ['npm test *', 'npm test || curl x', false],
    ['npm test *', 'npm test & curl x', false],
    ['npm test *', 'npm test > out.txt', false],
    ['npm test *', 'npm test < in.txt', false],
    ['npm test *', 'npm test $(curl x)', false],
    ['npm test *', 'npm test "$(curl x)"', false],
    ['npm test *', 'npm test `curl x`', false],
    ['npm test *', 'npm test $HOME', false],
    ['npm test *', 'npm test\ncurl x', false],
    ['npm test *', 'npm test \\\ncurl x', false],
    ['git log *', 'git log --oneline -5', true],
    ['git * main', 'git diff main', true],
    ['git * main', 'git diff main extra', false],
    ['git * main *', 'git diff main', false],
    ['git * main *', 'git diff main --stat', true],
    // Operators a rule spells out match literally, and only as a whole.
    ['npm test 2>&1', 'npm test 2>&1', true],
    ['npm test * 2>&1', 'npm test -- a 2>&1', true],
    ['npm test * 2>&1', 'npm test; curl x 2>&1', false],
    ['npm test 2>&1', 'npm test 2>&1; curl x', false],
    // Regular-expression characters in a rule are literal.
    ['node a.js', 'node aXjs', false],
    ['*', 'anything at all', true],
    ['*', 'ls | sh', false],
    ['', '', false],
    ['   ', 'ls', false],
  ];
  for (const [rule, command, expected] of cases) {
    it(`${JSON.stringify(rule)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(command)}`, () => {
      assert.equal(matchesRule(rule, command), expected);
    });
  }

  it('allowingRule names the first rule that matches, and none for an empty list', () => {
    assert.equal(allowingRule(['git log *', 'npm test *'], 'npm test -- x'), 'npm test *');
    assert.equal(allowingRule([], 'npm test'), undefined);
  });

  it('parseAllowRules keeps non-empty strings only', () => {
    assert.deepEqual(parseAllowRules(['npm test *', 3, '', '  ', null, 'tsc']), ['npm test *', 'tsc']);
    assert.deepEqual(parseAllowRules('npm test *'), [], 'a string instead of a list allows nothing');
    assert.deepEqual(parseAllowRules(undefined), []);
  });

  // The operator rule as a property: whatever the rule (without operators of its own) and whatever
  // command it allows, adding any operator and anything after it is never allowed by that rule.
  const safeChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABC0123456789-_=./:,@%+ \t"\'*?[]{}~#!');
  const safeText = fc.string({ unit: safeChar, maxLength: 20 });
  const operator = fc.constantFrom('&&', '||', ';', '|', '&', '>', '>>', '<', '2>&1', '$(', '`', '$', '(', ')', '\n', '\r', '\\');

  it('property: a wildcard never lets an operator through', () => {
    fc.assert(
      fc.property(
        safeText.filter((t) => t.trim() !== ''),
        safeText,
        operator,
        fc.string({ maxLength: 20 }),
        (head, middle, op, tail) => {
          const rule = `${head} *`;
          const allowed = `${head} ${middle.replace(/\*/g, '')}`;
          if (!matchesRule(rule, allowed)) return; // spacing corner cases: the property is about operators
          // Something follows the operator: a trailing newline alone is trimmed away, from the match and the run alike.
          const chained = `${allowed}${op}x${tail}`;
          assert.equal(matchesRule(rule, chained), false, `${JSON.stringify(rule)} let ${JSON.stringify(chained)} through`);
          assert.equal(matchesRule(rule, `${allowed} ${op} x${tail}`), false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: a command with an operator is allowed only by a rule that contains that operator', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(safeText, fc.constant('*')), { maxLength: 4 }), fc.string({ maxLength: 30 }), (parts, command) => {
        const rule = parts.join('');
        const ops = SHELL_OPERATOR_CHARS.filter((c) => command.includes(c));
        if (ops.length === 0) return;
        if (matchesRule(rule, command))
          assert.ok(
            ops.every((c) => rule.includes(c)),
            `${JSON.stringify(rule)} matched ${JSON.stringify(command)}`,
          );
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a rule without wildcards matches its own text however it is spaced, and nothing longer', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abc-_. '), minLength: 1, maxLength: 20 }),
        fc.string({ unit: fc.constantFrom(...'xyz'), minLength: 1, maxLength: 5 }),
        (rule, extra) => {
          if (rule.trim() === '') return;
          assert.ok(matchesRule(rule, ` ${rule.replace(/ /g, '  ')} `));
          assert.equal(matchesRule(rule, `${rule.trim()} ${extra}`), false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
