// Runs inside the VS Code extension host: the workbench loads this module as `extensionTestsPath`
// and calls run(). Results are also written as JSON to REDLINE_TEST_RESULT, because the host's
// own exit code says 0 even when tests fail (shared recipe).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const dir = __dirname;
  const grep = process.env.REDLINE_TEST_GREP;
  if (grep) mocha.grep(grep);
  // The Restricted Mode and multi-root suites run in windows of their own (scripts/test-integration.mjs):
  // a window runs the `*.<suite>.test.js` files of its suite, the main window those of none.
  const suite = process.env.REDLINE_TEST_SUITE;
  const suiteOf = (f: string): string | undefined => /\.(restricted|multiroot)\.test\.js$/.exec(f)?.[1];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js') && suiteOf(f) === suite);
  // The activation files run first, whatever sorts before them: they check what activation alone
  // loads, before any other test brings a changeset and its bundles into this extension host.
  const first = (f: string): number => (f.startsWith('activation') ? 0 : 1);
  for (const f of files.sort((a, b) => first(a) - first(b) || a.localeCompare(b))) mocha.addFile(path.join(dir, f));
  const passed: string[] = [];
  const failed: { title: string; error: string }[] = [];
  await new Promise<void>((resolve) => {
    const before = process.listeners('uncaughtException');
    const runner = mocha.run(() => resolve());
    ignoreGitExtensionPipes(runner, before);
    runner.on('pass', (t) => passed.push(t.fullTitle()));
    runner.on('fail', (t, err: Error) => failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
  });
  const resultPath = process.env.REDLINE_TEST_RESULT;
  if (resultPath) fs.writeFileSync(resultPath, JSON.stringify({ vscodeVersion: vscode.version, passed, failed }, null, 2));
  if (failed.length) throw new Error(`${failed.length} integration test(s) failed`);
}

/**
 * VS Code's own git extension shares this extension host. When a test removes a repository it
 * made, the extension's delayed `git check-ignore` may write to a git that has already exited, and
 * its EPIPE is thrown uncaught from a timer: mocha would fail whichever test runs at that moment.
 * Only that error, with that extension's stack, is logged instead; every other one fails the test.
 * The extension host wraps every `uncaughtException` listener it is given, so mocha's listener is
 * found as the one added by `mocha.run`, not by its identity.
 */
function ignoreGitExtensionPipes(runner: Mocha.Runner, before: readonly unknown[]): void {
  const fromMocha = (runner as unknown as { uncaught: (err: unknown) => void }).uncaught;
  for (const added of process.listeners('uncaughtException').filter((l) => !before.includes(l))) {
    process.removeListener('uncaughtException', added as (err: Error) => void);
  }
  process.on('uncaughtException', (err) => {
    const stack = err instanceof Error ? (err.stack ?? '') : '';
    if ((err as NodeJS.ErrnoException).code === 'EPIPE' && /[/\\]extensions[/\\]git[/\\]dist[/\\]/.test(stack)) {
      console.log(`(not a test failure: VS Code's git extension lost a pipe to git: ${stack.split('\n').slice(0, 3).join(' | ')})`);
      return;
    }
    fromMocha(err);
  });
}
