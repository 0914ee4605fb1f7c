import * as os from 'node:os';
import * as vscode from 'vscode';
import type { RunEnvironment } from '../../core/agent/prompt';
import type { DenyPolicy } from '../../core/policy/denyList';
import { runGit } from '../../node/git/gitProcess';

/** Paths named in the short status; the rest are counted. */
const MAX_STATUS_PATHS = 10;

/**
 * Where a run happens, for its system prompt: the OS, today's date (no time: the prompt is cached
 * per run), the workspace folders, and the first folder's git branch with a short status. Denied
 * paths are never named (a `.env.production` in `git status` is a hint of a secret).
 */
export async function runEnvironment(gitPath: () => Promise<string>, deny: () => DenyPolicy): Promise<RunEnvironment> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const env: RunEnvironment = {
    os: `${os.type()} ${os.release()} (${process.platform}, ${process.arch})`,
    date: new Date().toISOString().slice(0, 10),
    folders: folders.map((f) => f.uri.fsPath),
  };
  const first = folders[0];
  if (first === undefined) return env;
  const git = await gitPath();
  const branch = await runGit({ git, cwd: first.uri.fsPath, args: ['rev-parse', '--abbrev-ref', 'HEAD'] });
  if (!branch.ok) return env;
  const status = await runGit({ git, cwd: first.uri.fsPath, args: ['status', '--porcelain=v1', '--untracked-files=normal'] });
  return {
    ...env,
    git: { branch: branch.value.stdout.toString('utf8').trim(), status: status.ok ? shortStatus(status.value.stdout.toString('utf8'), deny()) : 'unknown' },
  };
}

function shortStatus(porcelain: string, deny: DenyPolicy): string {
  const entries = porcelain.split('\n').filter((l) => l.length > 3);
  if (entries.length === 0) return 'clean';
  const named = entries.map((l) => ({ code: l.slice(0, 2).trim() || '?', path: l.slice(3) })).filter((e) => deny.deniedBy(e.path) === undefined);
  const shown = named.slice(0, MAX_STATUS_PATHS).map((e) => `${e.code} ${e.path}`);
  const more = entries.length - shown.length;
  return `${entries.length} changed: ${shown.join(', ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}
