import type { DenyPolicy } from './denyList';
import type { PolicyRules } from './policyRules';

type FlagRules = Pick<PolicyRules, 'protectionFor' | 'evaluateTripwires'>;
import type { Protection } from './protectedPaths';
import type { TripwireHit, TripwireInput } from './tripwireTypes';
import { folderRelativePath } from './workspacePath';

/**
 * The policy rules over workspace paths as Redline names them (`folder/…` when the workspace has
 * several folders): every match sees the folder-relative path, so the root-anchored globs
 * (`/.vscode/**`, CI workflows, `/.devcontainer/**`, `/.redline/**`) hold in every folder of a
 * multi-root workspace (CVE-2025-53773). The path as named is matched too: a plan's Constraints
 * or Context written in the workspace's own `folder/…` form must keep meaning what they say, and
 * a deny or protection more never costs more than a click.
 *
 * The review session builds its rules through this and the path resolver its deny list through
 * `folderScopedDeny`, so no caller matches a policy on a path that still carries its folder's name.
 */
export function folderScopedRules(rules: FlagRules, folderNames: () => readonly string[]): FlagRules {
  const relative = (path: string): string => folderRelativePath(path, folderNames());
  return {
    protectionFor: (path, constraints) => {
      const inFolder = relative(path);
      const found = rules.protectionFor(inFolder, constraints);
      return inFolder === path ? found : unionBy(found, rules.protectionFor(path, constraints), (p: Protection) => `${p.id}\n${p.glob}`);
    },
    evaluateTripwires: (input, ctx) => {
      const inFolder: TripwireInput = { ...input, path: relative(input.path), ...(input.oldPath === undefined ? {} : { oldPath: relative(input.oldPath) }) };
      const found = rules.evaluateTripwires(inFolder, ctx);
      if (inFolder.path === input.path && inFolder.oldPath === input.oldPath) return found;
      const named = rules.evaluateTripwires(input, ctx);
      // "Outside the plan's Context" is a miss, not a match: it holds only when neither name is inside.
      const outside = (hits: readonly TripwireHit[]) => hits.some((h) => h.id === 'outside-context');
      const both = unionBy(found, named, (h: TripwireHit) => h.id);
      return outside(found) && outside(named) ? both : both.filter((h) => h.id !== 'outside-context');
    },
  };
}

/** The deny list over workspace paths, the same way (`folderScopedRules`). */
export function folderScopedDeny(deny: DenyPolicy, folderNames: readonly string[]): DenyPolicy {
  const relative = (path: string): string => folderRelativePath(path, folderNames);
  const deniedBy = (path: string): string | undefined => deny.deniedBy(path) ?? deny.deniedBy(relative(path));
  return {
    deniedBy,
    isSearchable: (path) => deny.isSearchable(path) && deny.isSearchable(relative(path)),
    listingVisibility: (path) => {
      const named = deny.listingVisibility(path);
      return named !== 'visible' ? named : deny.listingVisibility(relative(path));
    },
  };
}

function unionBy<T>(first: readonly T[], second: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set(first.map(key));
  return [...first, ...second.filter((item) => !seen.has(key(item)))];
}
