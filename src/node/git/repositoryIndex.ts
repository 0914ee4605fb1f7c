import type { GitFileRef, GitIndexPort } from '../../core/git/gitWorkspace';
import { fail, ok, type Result } from '../../core/result';
import { decodeBytes } from '../../core/text/decode';
import { blobKey, type GitRepository } from './gitRepository';

/** The index port over the repositories a review spans, found by their root. */
export class RepositoryIndex implements GitIndexPort {
  private readonly repos = new Map<string, GitRepository>();

  add(repo: GitRepository): void {
    this.repos.set(repo.root, repo);
  }

  repository(root: string): GitRepository | undefined {
    return this.repos.get(root);
  }

  async readIndex(ref: GitFileRef): Promise<Result<string | null>> {
    const repo = this.repos.get(ref.repo);
    if (repo === undefined) return fail('E_UNKNOWN_FILE', `no repository at ${ref.repo}`);
    const blobs = await repo.readBlobs([{ path: ref.path, from: 'index' }]);
    if (!blobs.ok) return blobs;
    const bytes = blobs.value.get(blobKey('index', ref.path)) ?? null;
    if (bytes === null) return ok(null);
    const text = decodeBytes(bytes);
    return text.ok ? text : fail(text.code, `${ref.path} in the index: ${text.message}`);
  }

  writeIndex(ref: GitFileRef, text: string | null): Promise<Result<void>> {
    const repo = this.repos.get(ref.repo);
    if (repo === undefined) return Promise.resolve(fail('E_UNKNOWN_FILE', `no repository at ${ref.repo}`));
    return repo.writeIndex(ref.path, text, ref.mode);
  }
}
