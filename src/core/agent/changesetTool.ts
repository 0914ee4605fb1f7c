import { createChangeset } from '../changeset/build';
import { formatChangesetPatch } from '../patch/format';
import { capped, done, refused, type ToolContext, type ToolOutcome } from './toolContext';
import { optStr, type ToolArgs } from './toolInput';

/**
 * view_changeset: the run's proposals as the reviewer will page through them, in the unified
 * format `git apply` takes (the same writer as *Copy Changeset as Patch*), against the files on disk.
 */
export async function viewChangeset(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const only = optStr(args, 'path');
  let path: string | undefined;
  if (only !== undefined) {
    const resolved = await ctx.guard.resolve(only, 'read');
    if (!resolved.ok) return refused(resolved.message);
    path = resolved.value;
  }
  const files = ctx.overlay.all().filter((f) => (path === undefined || f.path === path) && f.baseText !== f.proposedText);
  if (files.length === 0) return done(path === undefined ? 'You have proposed no changes yet.' : `You have proposed no change to ${path}.`);
  const changeset = createChangeset({ id: 'view', title: 'proposals', source: 'agent', files });
  if (!changeset.ok) return refused(`view_changeset: ${changeset.message}`);
  const patch = formatChangesetPatch(changeset.value);
  return done(capped(patch, 'pass path to see one file'));
}
