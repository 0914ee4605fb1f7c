// Temporary git repositories inside the test workspace, for the working-tree review suites. Each
// test makes its own repository in a subfolder and scopes the command to it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangesetSnapshot } from '../../src/shared/api';
import { api, root, waitFor } from './agentSupport';

export const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`): string => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');

export class WorkspaceRepo {
  readonly dir: string;

  constructor(name: string) {
    this.dir = path.join(root(), `repo-${name}`);
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
    this.git('init', '-q', '-b', 'main');
    for (const [k, v] of [
      ['user.email', 'test@example.invalid'],
      ['user.name', 'Test'],
      ['core.autocrlf', 'false'],
      ['commit.gpgsign', 'false'],
    ] as const)
      this.git('config', k, v);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' } });
  }

  write(rel: string, text: string | Uint8Array): string {
    const abs = this.abs(rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    return abs;
  }

  read(rel: string): string {
    return fs.readFileSync(this.abs(rel), 'utf8');
  }

  abs(rel: string): string {
    return path.join(this.dir, ...rel.split('/'));
  }

  commitAll(): void {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', 'base');
  }

  /** `git diff --cached` without index lines (their hashes vary). */
  staged(...args: string[]): string {
    return this.git('diff', '--cached', '--no-color', '--no-ext-diff', ...args).replace(/^index .*\n/gm, '');
  }

  /** The workspace-relative display path of a file in this repository. */
  display(rel: string): string {
    return `${path.basename(this.dir)}/${rel}`;
  }

  /** Runs Review Working Tree on this repository; returns the changeset. */
  async review(base: 'index' | 'HEAD' = 'index'): Promise<ChangesetSnapshot> {
    const id = await vscode.commands.executeCommand<string | undefined>('redline.reviewWorkingTree', { root: this.dir, base });
    assert.ok(id, 'Review Working Tree returned no changeset');
    const snapshot = (await api()).getChangeset(id);
    assert.ok(snapshot, `no snapshot for ${id}`);
    return snapshot;
  }
}

/** Waits until the changeset satisfies `probe` (the review follows the working tree asynchronously). */
export async function waitForChangeset(id: string, what: string, probe: (cs: ChangesetSnapshot) => boolean, timeoutMs = 15_000): Promise<ChangesetSnapshot> {
  const redline = await api();
  return waitFor(
    what,
    () => {
      const cs = redline.getChangeset(id);
      return cs !== undefined && probe(cs) ? cs : undefined;
    },
    timeoutMs,
  );
}

export const hunksOf = (cs: ChangesetSnapshot, path: string) => cs.files.find((f) => f.path === path)?.hunks ?? [];
