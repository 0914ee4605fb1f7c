// Drives Redline's hook for Claude Code as Claude Code runs it: the command from
// .claude/settings.local.json in a shell, the hook input as JSON on stdin, the answer read from stdout.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangesetSnapshot, RedlineApi } from '../../src/shared/api';
import { root, write } from './agentSupport';

export interface HookAnswer {
  hookSpecificOutput: {
    hookEventName: string;
    permissionDecision: string;
    permissionDecisionReason?: string;
    updatedInput?: Record<string, unknown>;
    additionalContext?: string;
  };
}

/**
 * Plays Claude Code's tool after an allow: writes what the answer's `updatedInput` says (an Edit
 * replaces `old_string`, which must be the whole file, a Write writes `content`), as the CLI does.
 */
export function agentWrites(a: HookAnswer): void {
  assert.equal(a.hookSpecificOutput.permissionDecision, 'allow');
  const input = a.hookSpecificOutput.updatedInput ?? {};
  const file = input['file_path'];
  assert.ok(typeof file === 'string');
  if (typeof input['content'] === 'string') return fs.writeFileSync(file, input['content']);
  assert.equal(fs.readFileSync(file, 'utf8'), input['old_string'], 'old_string is the whole file the tool reads');
  fs.writeFileSync(file, String(input['new_string']));
}

/** The hook command Connect wrote (the launcher in global storage and its argument). */
export function hookCommand(): string {
  const settings = JSON.parse(fs.readFileSync(path.join(root(), '.claude', 'settings.local.json'), 'utf8')) as {
    hooks: { PreToolUse: { matcher: string; hooks: { type: string; command: string; timeout: number }[] }[] };
  };
  const entry = settings.hooks.PreToolUse.find((e) => e.hooks.some((h) => h.command.includes('redline-hook')));
  assert.ok(entry, 'no Redline entry in .claude/settings.local.json');
  return entry.hooks[0]!.command;
}

let toolUse = 0;

/** A `PreToolUse` input as Claude Code 2.1 sends it (recipes/agent-clis.md). */
export function hookInput(toolName: string, toolInput: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    session_id: '5f0c2d7e-9a41-4b7c-8f00-1c2d3e4f5a6b',
    transcript_path: '/tmp/claude/transcript.jsonl',
    cwd: root(),
    prompt_id: 'prompt-1',
    permission_mode: 'acceptEdits',
    effort: 'high',
    hook_event_name: 'PreToolUse',
    tool_name: toolName,
    tool_input: toolInput,
    tool_use_id: `toolu_it_${Date.now()}_${++toolUse}`,
    ...overrides,
  };
}

/** Claude Code's Edit of the workspace file `rel`, written first as `base`, into `edited`. */
export function editInput(rel: string, base: string, edited: string): Record<string, unknown> {
  return hookInput('Edit', { file_path: write(rel, base), old_string: base, new_string: edited, replace_all: false });
}

/** Starts the hook command through `sh -c`, as Claude Code does, from outside VS Code's terminals (a bare environment). */
export function spawnHook(command: string, input: unknown, cwd = root()): ChildProcessWithoutNullStreams {
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp' };
  // `exec`: the shell becomes the launcher, which becomes the client, so a kill reaches the client.
  const child = spawn('/bin/sh', ['-c', `exec ${command}`], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  // A hook killed by the test, or a launcher that answers before it reads its input, closes the
  // pipe: the write's EPIPE is expected then, and unhandled it would fail whatever test runs next.
  child.stdin.on('error', () => undefined);
  child.stdin.end(JSON.stringify(input));
  return child;
}

/** Runs the hook command and reads its answer. */
export function runHook(command: string, input: unknown, cwd = root()): Promise<HookAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawnHook(command, input, cwd);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the hook exited ${code}: ${out}${err}`));
      try {
        resolve(JSON.parse(out) as HookAnswer);
      } catch {
        reject(new Error(`the hook printed no JSON answer: ${JSON.stringify(out)} ${err}`));
      }
    });
  });
}

const opened = new Set<string>();

/** The next changeset a terminal agent opens (its source names the agent); earlier ones keep changing as they are decided. */
export function nextHookChangeset(redline: RedlineApi, timeoutMs = 20_000, agent = 'Claude Code'): Promise<ChangesetSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('no changeset from the hook appeared'));
    }, timeoutMs);
    const sub = redline.onDidChange((e) => {
      const cs = e.kind === 'changeset' ? redline.getChangeset(e.id) : undefined;
      if (!cs?.source.startsWith(`${agent} · `) || opened.has(cs.id)) return;
      opened.add(cs.id);
      clearTimeout(timer);
      sub.dispose();
      resolve(cs);
    });
  });
}

export const reasonOf = (a: HookAnswer): string => a.hookSpecificOutput.permissionDecisionReason ?? '';
