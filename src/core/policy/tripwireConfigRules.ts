import { baseName, isCiConfig, isDependencyList, isLintConfig, isTestConfig } from './fileKinds';
import { codeList, countMatches, matchedSnippets } from './lineCounting';
import { changedJsonKeys, changedJsonSubkeys, sectionsOf } from './manifestSections';
import type { TripwireInput, TripwireRule } from './tripwireTypes';

const PACKAGE_TEST_KEYS = ['jest', 'nyc', 'c8', 'mocha', 'vitest', 'ava', 'karma', 'jasmine'];
const PACKAGE_DEPENDENCY_KEYS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
  'bundledDependencies',
  'bundleDependencies',
  'overrides',
  'resolutions',
  'pnpm',
  'workspaces',
];

/** Section names (lower-case prefixes) that configure tests/coverage in shared Python files. */
const PY_TEST_SECTIONS = ['tool.pytest', 'tool:pytest', 'pytest', 'tool.coverage', 'coverage:', 'testenv'];
/**
 * Sections that hold dependencies in pyproject.toml, setup.cfg and Cargo.toml. `[project]` also
 * holds name and version, but its dependency arrays span lines we do not parse, so a version
 * bump there is flagged too: a false positive we accept over missing a new dependency.
 */
const DEPENDENCY_SECTIONS = [
  'project',
  'tool.poetry.dependencies',
  'tool.poetry.group',
  'tool.poetry.dev-dependencies',
  'build-system',
  'dependency-groups',
  'dependencies',
  'dev-dependencies',
  'build-dependencies',
  'target.',
  'workspace.dependencies',
  'options',
];

/** Source and prose, where runner flags are just words (a README mentioning `go test`). */
const NOT_CONFIG = /\.(?:go|py|[cm]?[jt]sx?|rs|java|kt|rb|cs|md|mdx|rst|txt|adoc)$/i;

/** Keywords that configure runners and coverage wherever they appear (scripts, Makefiles, CI). */
const TEST_KEYWORDS: readonly RegExp[] = [
  /\b(?:coverageThreshold|collectCoverageFrom|coveragePathIgnorePatterns|testPathIgnorePatterns|modulePathIgnorePatterns|testMatch|testRegex|passWithNoTests|check-coverage|fail_under|cov-fail-under)\b/i,
  /--cov\b|--no-cov\b|--coverage\b|--testPathIgnorePatterns|--bail\b|--grep\b|--exclude\b|--ignore\b/,
  /\bgo test\b|-coverpkg\b|-coverprofile\b|-short\b|-run\s/,
];

/** Comments that take code out of coverage: the "100% coverage" trick, one line at a time. */
const COVERAGE_PRAGMAS: readonly RegExp[] = [/istanbul ignore/, /c8 ignore/, /v8 ignore/, /pragma:\s*no cover/, /#\s*nocov/, /LCOV_EXCL/];

function changedLines(input: TripwireInput): readonly string[] {
  return [...input.removedLines, ...input.addedLines];
}

function anyPathMatches(input: TripwireInput, predicate: (path: string) => boolean): boolean {
  return predicate(input.path) || (input.oldPath !== undefined && predicate(input.oldPath));
}

/** Sections touched by the unit, looked up on the side each line came from. */
function touchedSections(input: TripwireInput): Set<string | undefined> {
  return new Set([...sectionsOf(input.baseText, input.removedLines), ...sectionsOf(input.proposedText, input.addedLines)]);
}

function touchesSection(input: TripwireInput, prefixes: readonly string[]): string | undefined {
  for (const section of touchedSections(input)) {
    if (section !== undefined && prefixes.some((p) => section === p || section.startsWith(p.endsWith(':') || p.endsWith('.') ? p : `${p}.`))) {
      return section;
    }
  }
  return undefined;
}

function testConfigEvidence(input: TripwireInput): string | undefined {
  if (anyPathMatches(input, isTestConfig)) return `${input.path} configures the test runner or coverage`;
  const name = baseName(input.path);
  if (name === 'package.json') {
    const keys = changedJsonKeys(input.baseText, input.proposedText);
    const testKeys = PACKAGE_TEST_KEYS.filter((k) => keys?.has(k) === true);
    const scripts = [...changedJsonSubkeys(input.baseText, input.proposedText, 'scripts')].filter((s) => /test|cov|spec|check/i.test(s));
    if (testKeys.length > 0 || scripts.length > 0) return `package.json: ${[...testKeys, ...scripts.map((s) => `scripts.${s}`)].join(', ')}`;
  }
  // vite.config.* is mostly build config; only its `test:` block (vitest) matters here.
  if (/^vite\.config\./.test(name) && countMatches(changedLines(input), [/\b(?:test|coverage|thresholds|include|exclude)\b\s*:/]) > 0) {
    return `${name}: vitest test or coverage settings`;
  }
  if (['pyproject.toml', 'setup.cfg', 'tox.ini'].includes(name)) {
    const section = touchesSection(input, PY_TEST_SECTIONS);
    if (section !== undefined) return `${name} [${section}]`;
  }
  if (countMatches(changedLines(input), TEST_KEYWORDS) > 0 && !NOT_CONFIG.test(name)) {
    return `changed: ${codeList(matchedSnippets(changedLines(input), TEST_KEYWORDS))}`;
  }
  if (countMatches(input.addedLines, COVERAGE_PRAGMAS) > countMatches(input.removedLines, COVERAGE_PRAGMAS)) {
    return `added coverage exclusion: ${codeList(matchedSnippets(input.addedLines, COVERAGE_PRAGMAS))}`;
  }
  return undefined;
}

function dependencyEvidence(input: TripwireInput): string | undefined {
  if (anyPathMatches(input, isDependencyList)) return `${input.path} lists dependencies`;
  const name = baseName(input.path);
  if (name === 'package.json' || name === 'composer.json') {
    const keys = changedJsonKeys(input.baseText, input.proposedText);
    if (keys === undefined) return `${name} changed and does not parse as JSON`;
    const hits = [...PACKAGE_DEPENDENCY_KEYS, 'scripts', 'require', 'require-dev', 'bin'].filter((k) => keys.has(k));
    return hits.length > 0 ? `${name}: ${hits.join(', ')}` : undefined;
  }
  if (name === 'pyproject.toml' || name === 'cargo.toml' || name === 'setup.cfg') {
    const section = touchesSection(input, DEPENDENCY_SECTIONS);
    if (section !== undefined) return `${name} [${section}]`;
    // `build = "build.rs"` in Cargo.toml runs a program at build time.
    if (name === 'cargo.toml' && countMatches(changedLines(input), [/^\s*build\s*=/]) > 0) return 'Cargo.toml build script';
  }
  if (/\.(?:csproj|fsproj|vbproj)$/i.test(name) && countMatches(changedLines(input), [/PackageReference/]) > 0) {
    return `${name}: PackageReference`;
  }
  if (['pom.xml', 'build.gradle', 'build.gradle.kts'].includes(name)) return `${name} declares dependencies and build plugins`;
  return undefined;
}

export const CONFIG_RULES: readonly TripwireRule[] = [
  {
    id: 'test-config-changed',
    title: 'Test or coverage configuration changed',
    reason: 'Changing what the runner includes, excludes or requires can make a failing change look green.',
    test: testConfigEvidence,
  },
  {
    id: 'lint-config-changed',
    title: 'Lint or type-check configuration changed',
    reason: 'Loosening a linter or compiler setting silences every error it used to report.',
    test: (input) => (anyPathMatches(input, isLintConfig) ? `${input.path} configures a linter or type checker` : undefined),
  },
  {
    id: 'ci-config-changed',
    title: 'CI configuration changed',
    reason: 'CI decides what "passing" means and runs with repository secrets.',
    test: (input) => (anyPathMatches(input, isCiConfig) ? `${input.path} is CI configuration` : undefined),
  },
  {
    id: 'dependencies-changed',
    title: 'Dependencies or scripts changed',
    reason: 'New or changed dependencies and scripts run code on install, test and build.',
    test: dependencyEvidence,
  },
];
