import { fail, ok } from '../../../../src/core/result';
import type { PolicyFileSystem } from '../../../../src/core/policy/fileSystemPort';

type Entry = { readonly kind: 'file' } | { readonly kind: 'dir' } | { readonly kind: 'link'; readonly target: string };

/**
 * An in-memory file system with symlinks, for scenarios a Linux temp dir cannot give us (a
 * case-insensitive volume). Paths are absolute POSIX; parents are created implicitly.
 */
export class FakeFileSystem implements PolicyFileSystem {
  private readonly entries = new Map<string, { path: string; entry: Entry }>();

  constructor(private readonly caseInsensitive = false) {
    this.put('/', { kind: 'dir' });
  }

  file(path: string): this {
    this.mkdirs(parentOf(path));
    return this.put(path, { kind: 'file' });
  }

  dir(path: string): this {
    this.mkdirs(path);
    return this;
  }

  link(path: string, target: string): this {
    this.mkdirs(parentOf(path));
    return this.put(path, { kind: 'link', target });
  }

  async realpath(absolutePath: string) {
    const resolved = this.resolve(absolutePath, 0);
    return typeof resolved === 'string' ? ok(resolved) : fail(resolved.code, resolved.code);
  }

  async lstat(absolutePath: string) {
    const parent = this.resolve(parentOf(absolutePath), 0);
    if (typeof parent !== 'string') return fail(parent.code, parent.code);
    const found = this.entries.get(this.key(join(parent, nameOf(absolutePath))));
    return found === undefined ? fail('missing' as const, 'missing') : ok({ symbolicLink: found.entry.kind === 'link' });
  }

  private resolve(path: string, depth: number): string | { code: 'missing' | 'error' } {
    if (depth > 40) return { code: 'error' }; // ELOOP
    let current = '/';
    for (const segment of path.split('/').filter((s) => s !== '' && s !== '.')) {
      if (segment === '..') {
        current = parentOf(current);
        continue;
      }
      const found = this.entries.get(this.key(join(current, segment)));
      if (found === undefined) return { code: 'missing' };
      if (found.entry.kind === 'link') {
        const target = found.entry.target.startsWith('/') ? found.entry.target : join(current, found.entry.target);
        const next = this.resolve(target, depth + 1);
        if (typeof next !== 'string') return next;
        current = next;
      } else {
        current = found.path;
      }
    }
    return current;
  }

  private mkdirs(path: string): void {
    let current = '';
    for (const segment of path.split('/').filter((s) => s !== '')) {
      current = `${current}/${segment}`;
      if (!this.entries.has(this.key(current))) this.put(current, { kind: 'dir' });
    }
  }

  private put(path: string, entry: Entry): this {
    this.entries.set(this.key(path), { path, entry });
    return this;
  }

  private key(path: string): string {
    return this.caseInsensitive ? path.toLowerCase() : path;
  }
}

function join(base: string, name: string): string {
  return base === '/' ? `/${name}` : `${base}/${name}`;
}

function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
