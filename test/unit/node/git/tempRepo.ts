import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A throwaway git repository for one test, configured so no global setting changes the outcome. */
export class TempRepo {
  readonly root: string;

  constructor(name = 'repo') {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `redline-git-${name}-`)));
    this.git('init', '-q', '-b', 'main');
    for (const [k, v] of [
      ['user.email', 'test@example.invalid'],
      ['user.name', 'Test'],
      ['core.autocrlf', 'false'],
      ['commit.gpgsign', 'false'],
    ])
      this.git('config', k!, v!);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' } });
  }

  write(rel: string, text: string | Uint8Array): string {
    const abs = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    return abs;
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.root, rel), 'utf8');
  }

  commitAll(message = 'base'): void {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
  }

  /** `git diff --cached` for one path, without the index line (its hashes vary). */
  staged(...paths: string[]): string {
    return this.git('diff', '--cached', '--no-color', '--no-ext-diff', '-M', '--', ...paths).replace(/^index .*\n/gm, '');
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
