import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Json, JsonObject } from '../double/json';

/**
 * A `PreToolUse` command hook for Claude Code, as a test writes it: a tiny node script that records
 * the JSON it reads on stdin and prints a fixed answer (or hangs), registered in
 * `<cwd>/.claude/settings.local.json`. The script lives outside `cwd`, so the workspace holds only
 * the settings file.
 */
export interface CommandHookOptions {
  /** Printed on stdout (a string as it is); omitted: the hook never answers (it hangs until killed). */
  answer?: JsonObject | string;
  /** The hook's `timeout` in seconds (Claude Code's default is long). */
  timeoutSeconds?: number;
  /** `"block"`: a hook that fails (times out) denies instead of counting as no decision. */
  onFailure?: 'block';
  matcher?: string;
}

/** One call of the hook: its process (to check that none outlives the CLI) and its input, parsed. */
export interface HookCall {
  pid: number;
  input: Json;
}

export interface CommandHook {
  /** Every call, in order. */
  calls(): HookCall[];
  dispose(): void;
}

export function installCommandHook(cwd: string, options: CommandHookOptions): CommandHook {
  const dir = mkdtempSync(join(tmpdir(), 'redline-claude-hook-'));
  const log = join(dir, 'inputs.jsonl');
  const script = join(dir, 'hook.cjs');
  const respond = options.answer === undefined ? 'setInterval(() => {}, 1000);' : `process.stdout.write(${JSON.stringify(JSON.stringify(options.answer))});`;
  writeFileSync(
    script,
    [
      "const fs = require('fs');",
      "let input = '';",
      "process.stdin.on('data', (d) => (input += d)).on('end', () => {",
      `  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ pid: process.pid, input: JSON.parse(input) }) + '\\n');`,
      `  ${respond}`,
      '});',
    ].join('\n'),
  );
  const hook: JsonObject = { type: 'command', command: `node ${JSON.stringify(script)}` };
  if (options.timeoutSeconds !== undefined) hook.timeout = options.timeoutSeconds;
  if (options.onFailure !== undefined) hook.onFailure = options.onFailure;
  mkdirSync(join(cwd, '.claude'), { recursive: true });
  const settings = { hooks: { PreToolUse: [{ matcher: options.matcher ?? 'Edit|Write', hooks: [hook] }] } };
  writeFileSync(join(cwd, '.claude', 'settings.local.json'), JSON.stringify(settings, null, 2));
  appendFileSync(log, '');
  return {
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as HookCall),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The answer that lets the tool run, optionally with other input and a note for the model. */
export function allow(extra: { updatedInput?: JsonObject; additionalContext?: string } = {}): JsonObject {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', ...extra } };
}

/** The answer that refuses the tool; the model reads `reason`. */
export function deny(reason: string): JsonObject {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
}
