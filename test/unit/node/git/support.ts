import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyTextEdits } from '../../../../src/core/changeset/edits';
import { assembleReview, type WorkingTreeReview } from '../../../../src/core/git/assemble';
import { GitReviewWorkspace, type WorktreePort } from '../../../../src/core/git/gitWorkspace';
import type { ReviewBase } from '../../../../src/core/git/reviewPlan';
import { fail, ok, type Result } from '../../../../src/core/result';
import type { FileWrite } from '../../../../src/core/review/ports';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { readWorktreeFile } from '../../../../src/node/git/fsWorktree';
import { GitRepository } from '../../../../src/node/git/gitRepository';
import { RepositoryIndex } from '../../../../src/node/git/repositoryIndex';
import { scanScope } from '../../../../src/node/git/scan';
import type { TempRepo } from './tempRepo';
import { trusted } from '../../core/review/fakeWorkspace';
import { policyRules } from '../../../../src/core/policy/policyRules';

/** The working tree on disk, written the way the VS Code adapter writes it (checked edits). */
export const diskWorktree: WorktreePort = {
  folderNames: () => ['repo'],
  async read(file) {
    const r = await readWorktreeFile(file.handle, file.path);
    return r.ok ? ok({ disk: r.value.text, current: r.value.text }) : r;
  },
  async write(writes) {
    // One file at a time: the git review's port writes one file per call (GitReviewWorkspace).
    for (const { file, write } of writes) {
      const written = writeOne(file.handle, write);
      if (!written.ok) return written;
    }
    return ok(undefined);
  },
};

function writeOne(handle: string, write: FileWrite): Result<void> {
  switch (write.kind) {
    case 'create':
      fs.writeFileSync(handle, write.text);
      return ok(undefined);
    case 'delete':
      fs.rmSync(handle, { force: true });
      return ok(undefined);
    case 'edit': {
      const current = fs.readFileSync(handle, 'utf8');
      if (current !== write.expected) return fail('E_CHANGED', 'the file changed');
      fs.writeFileSync(handle, applyTextEdits(current, write.edits));
      return ok(undefined);
    }
  }
}

export interface Reviewed {
  readonly session: ReviewSession;
  readonly review: WorkingTreeReview;
  readonly id: string;
  hunks(file?: string): { id: string; state: string }[];
}

/** Scans a temporary repository and puts its working tree under review, as the command does. */
export async function reviewRepo(repo: TempRepo, base: ReviewBase = 'index'): Promise<Reviewed> {
  const opened = await GitRepository.open('git', repo.root);
  if (!opened.ok || opened.value === undefined) throw new Error(`no repository: ${opened.ok ? '' : opened.message}`);
  const git = opened.value;
  const index = new RepositoryIndex();
  index.add(git);
  const scanned = await scanScope(
    { repo: git, pathspec: '.', locator: () => async (p) => ok({ path: p, absolute: path.join(git.root, p) }) },
    base,
    readWorktreeFile,
  );
  if (!scanned.ok) throw new Error(scanned.message);
  const review = assembleReview('wt', 'Working tree', scanned.value);
  const workspace = new GitReviewWorkspace(index, diskWorktree);
  for (const s of review.scanned.values()) workspace.track({ path: s.texts.path, handle: s.absolute }, s.ref);
  const session = new ReviewSession(workspace, trusted, policyRules);
  session.add(review.changeset, review.files);
  return {
    session,
    review,
    id: 'wt',
    hunks: (file) =>
      (session.get('wt')?.changeset.files ?? [])
        .filter((f) => file === undefined || f.path === file)
        .flatMap((f) => f.hunks.filter((h) => !h.detached).map((h) => ({ id: h.id, state: h.state }))),
  };
}
