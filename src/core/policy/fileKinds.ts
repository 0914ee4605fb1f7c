import { compileGlobs, type GlobSet } from './glob';

/**
 * Path classifiers shared by protected paths and tripwires, so "is this CI config?" has one
 * answer everywhere. All match at any depth, ignoring case (see `compileGlobs`).
 */

export const TEST_FILE_GLOBS: readonly string[] = [
  '*.test.*',
  '*.spec.*',
  '*_test.go',
  'test_*.py',
  '*_test.py',
  'conftest.py',
  '*Test.java',
  '*Tests.java',
  '*Test.kt',
  '*Tests.cs',
  '*_spec.rb',
  '*_test.rb',
  // Directories at any depth, for monorepos (packages/a/test/…).
  'test/**',
  'tests/**',
  '__tests__/**',
  'spec/**',
];

export const CI_CONFIG_GLOBS: readonly string[] = [
  '/.github/workflows/**',
  '/.github/actions/**',
  '/.gitlab-ci.yml',
  '/.gitlab/ci/**',
  '/.circleci/**',
  '/azure-pipelines.yml',
  '/.azure-pipelines/**',
  'Jenkinsfile',
  '/.travis.yml',
  '/bitbucket-pipelines.yml',
  '/.buildkite/**',
  '/.drone.yml',
  '/appveyor.yml',
  '/.woodpecker.yml',
  '/.woodpecker/**',
];

/** Files that exist only to configure a test runner or coverage: any change narrows or widens. */
export const TEST_CONFIG_GLOBS: readonly string[] = [
  'jest.config.*',
  'vitest.config.*',
  'vitest.workspace.*',
  '.nycrc',
  '.nycrc.*',
  'nyc.config.*',
  '.c8rc',
  '.c8rc.*',
  '.mocharc',
  '.mocharc.*',
  '.istanbul.yml',
  'karma.conf.*',
  'jasmine.json',
  'ava.config.*',
  'playwright.config.*',
  'cypress.config.*',
  'pytest.ini',
  '.coveragerc',
  'codecov.yml',
  '.codecov.yml',
  'phpunit.xml*',
  '.simplecov',
  'tarpaulin.toml',
];

/** Config that can switch a linter or type checker off wholesale. */
export const LINT_CONFIG_GLOBS: readonly string[] = [
  '.eslintrc',
  '.eslintrc.*',
  'eslint.config.*',
  '.eslintignore',
  'tsconfig*.json',
  'biome.json',
  '.pylintrc',
  'pylintrc',
  'ruff.toml',
  '.ruff.toml',
  'mypy.ini',
  '.mypy.ini',
  '.flake8',
  '.golangci.yml',
  '.golangci.yaml',
  'clippy.toml',
  '.rubocop.yml',
];

export const LOCKFILE_GLOBS: readonly string[] = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'Cargo.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'go.sum',
  'Gemfile.lock',
  'composer.lock',
  'packages.lock.json',
  'flake.lock',
  'mix.lock',
  'pubspec.lock',
  'Podfile.lock',
  'gradle.lockfile',
];

/** Manifests whose every line is a dependency (or build input). */
export const DEPENDENCY_LIST_GLOBS: readonly string[] = [
  'requirements*.txt',
  'requirements/*.txt',
  'constraints*.txt',
  'Pipfile',
  'go.mod',
  'Gemfile',
  '*.gemspec',
  'setup.py',
  ...LOCKFILE_GLOBS,
];

function classifier(globs: readonly string[]): (path: string) => boolean {
  const set: GlobSet = compileGlobs(globs);
  // Tripwires ask about one file's path once per hunk: a large diff asks thousands of times in a row.
  let lastPath: string | undefined;
  let lastResult = false;
  return (path) => {
    if (path !== lastPath) {
      lastResult = set.matches(path);
      lastPath = path;
    }
    return lastResult;
  };
}

export const isTestFile = classifier(TEST_FILE_GLOBS);
export const isCiConfig = classifier(CI_CONFIG_GLOBS);
export const isTestConfig = classifier(TEST_CONFIG_GLOBS);
export const isLintConfig = classifier(LINT_CONFIG_GLOBS);
export const isDependencyList = classifier(DEPENDENCY_LIST_GLOBS);

/** The last path segment, lower-cased: for files whose meaning depends on the name alone. */
export function baseName(path: string): string {
  const segments = path.split('/');
  return (segments[segments.length - 1] ?? '').toLowerCase();
}
