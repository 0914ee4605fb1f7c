import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { HOOK_AGENTS } from '../../core/terminalAgents/hookAgents';
import { parseWindowEntry, type WindowEntry } from '../../core/terminalAgents/windowChoice';

/**
 * What the hook client and the Redline windows share, in the extension's global storage (never in
 * a workspace): the per-install secret, one registry file per live window, the user's choice for
 * when no window serves a folder, and the launcher with its script.
 */
export class HookStorage {
  constructor(readonly root: string) {}

  get hooksDir(): string {
    return path.join(this.root, 'hooks');
  }

  get launcherPath(): string {
    return path.join(this.hooksDir, 'redline-hook');
  }

  private get windowsDir(): string {
    return path.join(this.root, 'windows');
  }

  private get secretPath(): string {
    return path.join(this.root, 'hook-secret');
  }

  private get optionsPath(): string {
    return path.join(this.hooksDir, 'options.json');
  }

  /** The secret, made once per install (mode 0600); a second window reads the first's. */
  async secret(): Promise<string> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    try {
      await writeFile(this.secretPath, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    await chmod(this.secretPath, 0o600);
    return (await readFile(this.secretPath, 'utf8')).trim();
  }

  async readSecret(): Promise<string> {
    return (await readFile(this.secretPath, 'utf8')).trim();
  }

  /** Registers this window (its file is named after its process, replaced atomically). */
  async register(entry: WindowEntry): Promise<string> {
    await mkdir(this.windowsDir, { recursive: true, mode: 0o700 });
    const file = path.join(this.windowsDir, `window-${entry.pid}.json`);
    await writeAtomic(file, JSON.stringify(entry), 0o600);
    return file;
  }

  async unregister(file: string): Promise<void> {
    await rm(file, { force: true });
  }

  /** The windows whose process is alive; a file of a window that died without cleaning up is skipped. */
  async windows(): Promise<WindowEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.windowsDir);
    } catch {
      return [];
    }
    const entries: WindowEntry[] = [];
    for (const name of names.filter((n) => /^window-\d+\.json$/.test(n))) {
      const entry = await readFile(path.join(this.windowsDir, name), 'utf8').then(
        (text) => parseWindowEntry(JSON.parse(text)),
        () => undefined,
      );
      if (entry && alive(entry.pid)) entries.push(entry);
    }
    return entries;
  }

  async writeOptions(options: { whenNoWindow: 'deny' | 'ask' }): Promise<void> {
    await mkdir(this.hooksDir, { recursive: true, mode: 0o700 });
    await writeAtomic(this.optionsPath, JSON.stringify(options), 0o600);
  }

  async whenNoWindow(): Promise<'deny' | 'ask'> {
    const options = await readFile(this.optionsPath, 'utf8').then(
      (t) => JSON.parse(t) as { whenNoWindow?: unknown },
      () => ({ whenNoWindow: 'deny' }),
    );
    return options.whenNoWindow === 'ask' ? 'ask' : 'deny';
  }

  /**
   * Writes the launcher the agents' settings point at, a path that stays the same across updates
   * and restarts: a shell script that runs the hook client with this host's Node (Electron as
   * Node in VS Code desktop). Rewritten at every activation, so it follows VS Code's updates.
   * When that runtime or the client is gone (VS Code moved or uninstalled since), the script
   * itself prints a denial: printing nothing would count as no decision. `exec` keeps the client
   * the agent's own child, so an agent that stops waiting and kills its hook reaches the client.
   */
  async writeLauncher(clientSource: string, runtime: { execPath: string; electron: boolean }): Promise<void> {
    await mkdir(this.hooksDir, { recursive: true, mode: 0o700 });
    const client = path.join(this.hooksDir, 'hookClient.js');
    await writeAtomic(client, clientSource, 0o600);
    const env = runtime.electron ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
    const reason = `Redline's hook cannot run: the program it runs with (${runtime.execPath}) or its script is gone, likely because VS Code was moved or updated. Nothing was written. Open this folder in VS Code with Redline once so it writes the hook again.`;
    // In each agent's own shape: an answer it cannot read would count as no decision.
    const script = [
      '#!/bin/sh',
      "# Redline: the hook that sends terminal agents' edits to the Redline window for review.",
      '# Rewritten by Redline at every start; edits here are lost.',
      `runtime=${shellQuote(runtime.execPath)}`,
      `client=${shellQuote(client)}`,
      `if [ -x "$runtime" ] && [ -r "$client" ]; then ${env}exec "$runtime" "$client" ${shellQuote(this.root)} "$@"; fi`,
      'case "$1" in',
      `  gemini-cli) printf '%s\\n' ${shellQuote(JSON.stringify(HOOK_AGENTS['gemini-cli'].deny(reason)))} ;;`,
      `  *) printf '%s\\n' ${shellQuote(JSON.stringify(HOOK_AGENTS['claude-code'].deny(reason)))} ;;`,
      'esac',
      '',
    ].join('\n');
    await writeAtomic(this.launcherPath, script, 0o700);
  }
}

/** Whether a process lives (EPERM: it does, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Another window may write the same file at the same time: each writes its own temp file and renames. */
export async function writeAtomic(file: string, text: string, mode: number): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, text, { mode });
  await chmod(temp, mode);
  await rename(temp, file);
}

/** A word for `sh`: single quotes, a quote inside written as '\''. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
