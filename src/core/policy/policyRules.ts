import { createDenyPolicy, denyGlobsFromScopes, type DenyPolicy } from './denyList';
import { protectionFor, type Protection } from './protectedPaths';
import { evaluateTripwires } from './tripwires';
import type { TripwireContext, TripwireHit, TripwireInput } from './tripwireTypes';

/**
 * The policy's rules that match paths against globs (globMatch.ts) or read diffs: the tripwires, the
 * protected paths and the deny list. A port, because the extension host loads them as a bundle of
 * their own (`dist/policy.js`, see src/vscode/bundles.json) with the first path check or proposal;
 * the core takes them from whoever builds it, and tests pass `policyRules`.
 */
export interface PolicyRules {
  /** The built-in tripwires a file or hunk trips (`evaluateTripwires`). */
  evaluateTripwires(input: TripwireInput, ctx: TripwireContext): TripwireHit[];
  /** Why a change to this path needs its own look (`protectionFor`). */
  protectionFor(path: string, constraints?: readonly string[]): Protection[];
  /** The deny list from the settings' scopes (`denyGlobsFromScopes`, `createDenyPolicy`). */
  denyPolicy(user: { globs?: readonly string[]; replaceDefaults?: boolean }, workspace: readonly string[]): DenyPolicy;
}

/** The rules themselves: the entry of `dist/policy.js`, and what tests and other bundles use. */
export const policyRules: PolicyRules = {
  evaluateTripwires: (input, ctx) => evaluateTripwires(input, ctx),
  protectionFor,
  denyPolicy: (user, workspace) => createDenyPolicy(denyGlobsFromScopes(user, workspace)),
};
