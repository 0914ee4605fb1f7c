/**
 * What a connected terminal agent feels, in the real extension host (issue 19's bench):
 * - hook → changeset: from the hook call leaving the client to the new changeset in the review
 *   (what the Changesets view, the CodeLens and the Review panel render from);
 * - decision → answer: from the last hunk's accept to the agent's answer read off the socket;
 * - auto-allow: an edit of a file the user's globs allow, from the call to its allow;
 * - floor beside them: a refused call (a wrong secret) on the same server, same client code.
 * The calls go straight to the window's loopback server, as the hook client does after it found
 * the window: the launcher's process start is the agent's cost, the same for any hook.
 */
import * as fs from 'node:fs';
import { request } from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RedlineApi } from '../../src/shared/api';

const HOOK_PATH = '/hooks/claude-code/pre-tool-use';

interface Answer {
  hookSpecificOutput: { permissionDecision: string; updatedInput?: Record<string, unknown> };
}

function post(port: number, secret: string, body: unknown): Promise<{ answer: Answer; at: number }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: HOOK_PATH,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        let out = '';
        res.on('data', (c: Buffer) => (out += c.toString('utf8')));
        res.on('end', () => resolve({ answer: JSON.parse(out) as Answer, at: performance.now() }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** The window's port and the install's secret, from the registry the hook client reads. */
function window(root: string): { port: number; secret: string } {
  const settings = JSON.parse(fs.readFileSync(path.join(root, '.claude', 'settings.local.json'), 'utf8')) as {
    hooks: { PreToolUse: { hooks: { command: string }[] }[] };
  };
  const command = settings.hooks.PreToolUse.flatMap((e) => e.hooks).find((h) => h.command.includes('redline-hook'))?.command ?? '';
  const launcher = /^'([^']+)'/.exec(command)?.[1] ?? command.split(' ')[0] ?? '';
  const storage = path.dirname(path.dirname(launcher));
  const entry = JSON.parse(fs.readFileSync(path.join(storage, 'windows', `window-${process.pid}.json`), 'utf8')) as { port: number };
  return { port: entry.port, secret: fs.readFileSync(path.join(storage, 'hook-secret'), 'utf8').trim() };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { median: q(0.5), p95: q(0.95) };
};

export async function hookTimes(api: RedlineApi, root: string, repeats: number) {
  await api.connectAgent('claude-code');
  const { port, secret } = window(root);
  fs.mkdirSync(path.join(root, 'src', 'hooks'), { recursive: true });
  const toChangeset: number[] = [];
  const toAnswer: number[] = [];
  const floor: number[] = [];
  for (let k = 0; k < repeats + 2; k++) {
    // A file per round: each edit is an agent's first edit of a 400-line file.
    const rel = `src/hooks/bench${k}.ts`;
    const abs = path.join(root, rel);
    fs.writeFileSync(abs, Array.from({ length: 400 }, (_, i) => `export const v${i} = ${i + k};\n`).join(''));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const body = {
      session_id: 'bench0123456789',
      cwd: root,
      hook_event_name: 'PreToolUse',
      tool_name: 'Edit',
      tool_input: { file_path: abs, old_string: `export const v200 = ${200 + k};\n`, new_string: `export const renamed200 = ${200 + k};\n` },
      tool_use_id: `toolu_bench_${process.pid}_${k}`,
    };
    const appeared = new Promise<{ id: string; at: number }>((resolve) => {
      const sub = api.onDidChange((e) => {
        if (e.kind !== 'changeset' || api.getChangeset(e.id)?.title !== `Claude Code: Edit ${rel}`) return;
        if (api.getChangeset(e.id)?.files[0]?.hunks[0]?.state !== 'pending') return;
        sub.dispose();
        resolve({ id: e.id, at: performance.now() });
      });
    });
    const sent = performance.now();
    const answered = post(port, secret, body);
    const { id, at } = await appeared;
    const hunk = api.getChangeset(id)?.files[0]?.hunks[0];
    if (!hunk) throw new Error('the hook made no hunk');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const decided = performance.now();
    await api.decide(id, hunk.id, 'accept');
    const { answer, at: answeredAt } = await answered;
    if (answer.hookSpecificOutput.permissionDecision !== 'allow') throw new Error(`expected allow, got ${JSON.stringify(answer)}`);
    // The agent's tool writes the accepted text; the hold ends when the file holds it.
    fs.writeFileSync(abs, String(answer.hookSpecificOutput.updatedInput?.['new_string']));
    if (k >= 2) {
      // The first rounds load the terminal agents' code and warm the server: not what an agent waits for.
      toChangeset.push(at - sent);
      toAnswer.push(answeredAt - decided);
    }
    const refusedAt = performance.now();
    const refused = await post(port, `${secret}x`, body);
    if (refused.answer.hookSpecificOutput.permissionDecision !== 'deny') throw new Error('a wrong secret was not refused');
    if (k >= 2) floor.push(refused.at - refusedAt);
  }
  const autoAllowed = await autoAllowTimes(root, port, secret, repeats);
  await api.disconnectAgent('claude-code');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return {
    repeats,
    hookToChangesetMs: stats(toChangeset),
    decisionToAnswerMs: stats(toAnswer),
    refusedRoundTripMs: stats(floor),
    autoAllowedRoundTripMs: stats(autoAllowed),
    autoAllowCostMs: stats(autoAllowed.map((t, i) => t - (floor[i] ?? 0))),
  };
}

/** An edit of a file `redline.terminalAgents.autoAllow` matches: from the hook call to its allow, no one deciding. */
async function autoAllowTimes(root: string, port: number, secret: string, repeats: number): Promise<number[]> {
  const settings = vscode.workspace.getConfiguration('redline.terminalAgents');
  await settings.update('autoAllow', ['test/**'], vscode.ConfigurationTarget.Global);
  fs.mkdirSync(path.join(root, 'test', 'auto'), { recursive: true });
  const times: number[] = [];
  try {
    for (let k = 0; k < repeats + 2; k++) {
      const abs = path.join(root, 'test', 'auto', `bench${k}.test.ts`);
      fs.writeFileSync(abs, Array.from({ length: 400 }, (_, i) => `it('case ${i}', () => check(${i + k}));\n`).join(''));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const sent = performance.now();
      const { answer, at } = await post(port, secret, {
        session_id: 'bench0123456789',
        cwd: root,
        hook_event_name: 'PreToolUse',
        tool_name: 'Edit',
        tool_input: {
          file_path: abs,
          old_string: `it('case 200', () => check(${200 + k}));\n`,
          new_string: `it('case 200 renamed', () => check(${200 + k}));\n`,
        },
        tool_use_id: `toolu_bench_auto_${process.pid}_${k}`,
      });
      if (answer.hookSpecificOutput.permissionDecision !== 'allow') throw new Error(`expected an auto-allow, got ${JSON.stringify(answer)}`);
      fs.writeFileSync(abs, String(answer.hookSpecificOutput.updatedInput?.['new_string']));
      if (k >= 2) times.push(at - sent);
    }
  } finally {
    await settings.update('autoAllow', undefined, vscode.ConfigurationTarget.Global);
  }
  return times;
}
