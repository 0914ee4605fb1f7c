import { isTestFile } from './fileKinds';
import { codeList, countMatches, matchedSnippets } from './lineCounting';
import type { TripwireInput, TripwireRule } from './tripwireTypes';

/** Declarations of a test or a suite, across the ecosystems we review. */
const TEST_CASE_PATTERNS: readonly RegExp[] = [
  /(?<![\w.$])(?:it|test|describe|context|specify|suite)(?:\.(?:each|concurrent|only|skip|todo|sequential)(?:\([^)]*\))?)?\s*\(/,
  /^\s*(?:async\s+)?def\s+test\w*\s*\(/,
  /^\s*class\s+Test\w*/,
  /^\s*func\s+(?:Test|Benchmark|Fuzz)\w*\s*\(/,
  /#\[(?:tokio::)?test\]/,
  /@(?:Test|ParameterizedTest)\b/,
];

/** Ways to switch a test off or to focus a run (which silently skips every other test). */
const DISABLE_PATTERNS: readonly RegExp[] = [
  /(?<![\w$])(?:it|test|describe|context|specify|suite)\.(?:only|skip|todo)\s*\(/,
  /(?<![\w.$])(?:xit|xtest|xdescribe|xcontext|xspecify|fit|fdescribe)\s*\(/,
  /\bthis\.skip\s*\(/,
  /@pytest\.mark\.(?:skip|skipif|xfail)\b/,
  /\bpytest\.skip\s*\(/,
  /@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b/,
  /\bt\.Skip(?:Now|f)?\s*\(/,
  /#\[ignore\]/,
  /@(?:Disabled|Ignore)\b/,
];

/** Assertion calls; a net loss of these in a test file means a test checks less than before. */
const ASSERTION_PATTERNS: readonly RegExp[] = [
  /(?<![\w$])expect\s*\(/,
  /(?<![\w$])assert(?:_\w+!?|!)?\s*[.(]/,
  /^\s*assert\s+\S/,
  /\bself\.assert\w+\s*\(/,
  /\.should\b/,
  /(?<![\w$])require\.\w+\s*\(/, // Go testify
  /\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(/,
  /\bsinon\.assert\./,
];

function testSide(input: TripwireInput): boolean {
  return isTestFile(input.path) || (input.oldPath !== undefined && isTestFile(input.oldPath));
}

/** A net loss of matches from the removed side to the added side. */
function netLoss(input: TripwireInput, patterns: readonly RegExp[]): number {
  return countMatches(input.removedLines, patterns) - countMatches(input.addedLines, patterns);
}

export const TEST_RULES: readonly TripwireRule[] = [
  {
    id: 'test-file-deleted',
    title: 'Test file deleted',
    reason: 'Deleting a test file removes the evidence that the code works.',
    test: (input) => {
      if (input.status === 'deleted' && isTestFile(input.path)) return `deleted ${input.path}`;
      // Renaming a test out of the test locations hides it from the runner just as well.
      if (input.status === 'renamed' && input.oldPath !== undefined && isTestFile(input.oldPath) && !isTestFile(input.path)) {
        return `moved ${input.oldPath} out of the test files to ${input.path}`;
      }
      return undefined;
    },
  },
  {
    id: 'test-cases-removed',
    title: 'Test cases removed',
    reason: 'Fewer tests or suites than before: the change may pass by testing less.',
    test: (input) => {
      if (!testSide(input)) return undefined;
      const lost = netLoss(input, TEST_CASE_PATTERNS);
      return lost > 0 ? `${lost} test or suite declaration(s) removed` : undefined;
    },
  },
  {
    id: 'tests-disabled',
    title: 'Tests skipped or focused',
    reason: '`.skip`, `xit` and `@pytest.mark.skip` turn a test off; `.only` silently skips all the others.',
    test: (input) => {
      if (countMatches(input.addedLines, DISABLE_PATTERNS) <= countMatches(input.removedLines, DISABLE_PATTERNS)) return undefined;
      return `added ${codeList(matchedSnippets(input.addedLines, DISABLE_PATTERNS))}`;
    },
  },
  {
    id: 'assertions-removed',
    title: 'Assertions removed',
    reason: 'A test that asserts less can pass without the behaviour it used to check.',
    test: (input) => {
      if (!testSide(input) || input.status === 'deleted') return undefined;
      const lost = netLoss(input, ASSERTION_PATTERNS);
      return lost > 0 ? `${lost} assertion(s) removed` : undefined;
    },
  },
];
