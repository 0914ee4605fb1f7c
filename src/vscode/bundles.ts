import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import table from './bundles.json';
import { registerCommands, type Command } from './commands/command';

/**
 * The bundles of `dist/` beside `extension.js`, loaded on first use so that activation does not pay
 * for code it rarely needs (Performance issue: the bundle loaded at activation). `bundles.json`
 * names each one, its entry file, and what loads it when; scripts/build.mjs builds its entry points
 * from the same table. esbuild splits code only for ESM and VS Code loads extensions as CommonJS,
 * so each bundle is a CommonJS file of its own, loaded by `Bundles.get`. Every load is wired in the
 * composition root (composition.ts), which hands the bundle to the code that needs it through a
 * port or a callback: no import is swapped at build time, so what is lazy is visible where it is wired.
 */
export type BundleName = keyof typeof table;

/**
 * What each bundle's entry exports (the diff worker's script runs in a worker and the hook client
 * in the agents' hooks: neither is required).
 */
export interface BundleExports {
  agent: typeof import('./agent/createAgentRuns');
  model: typeof import('../model/anthropicModel');
  render: typeof import('./plan/renderEntry');
  editor: typeof import('./editor/registerEditor');
  git: typeof import('./git/registerGitReview');
  policy: typeof import('../core/policy/policyRules');
  diffPort: typeof import('../node/workerLineDiff');
  patch: typeof import('./review/patchCommands');
  terminalAgents: typeof import('./terminalAgents/registerTerminalAgents');
  mcp: typeof import('../node/terminalAgents/mcpServer');
}

type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
/** Compiles only while bundles.json and `BundleExports` name the same bundles (`true` is not `never`). */
const sameBundles: SameKeys<keyof BundleExports | 'diffWorker' | 'hookClient' | 'mcpBridge', BundleName> = true;
void sameBundles;

/** The bundles whose code holds commands the manifest contributes (`commands` in bundles.json). */
export type CommandBundle = { [N in BundleName]: (typeof table)[N] extends { commands: readonly string[] } ? N : never }[BundleName];

export class Bundles {
  private readonly require: NodeJS.Require = createRequire(__filename);

  /** `extensionPath`: the integration tests bundle the wiring elsewhere, and the bundles are still the extension's. */
  constructor(private readonly extensionPath: string) {}

  /** A bundle's file in `dist/`. */
  file(name: BundleName): string {
    return path.join(this.extensionPath, 'dist', `${name}.js`);
  }

  /** Loads a bundle (the first call; Node's module cache answers the next ones) and returns its entry's exports. */
  get<N extends keyof BundleExports>(name: N): BundleExports[N] {
    return this.require(this.file(name)) as BundleExports[N];
  }

  /**
   * Proxies for the commands the manifest contributes (`contributes.commands`) whose code is in a
   * bundle, registered at activation: a contributed command must exist from then on. The first run
   * of one calls its bundle's `wire`, which loads and wires the bundle once and returns the
   * bundle's commands; the proxy runs the real one.
   */
  registerCommands(manifest: unknown, wire: { readonly [N in CommandBundle]: () => readonly Command[] }): vscode.Disposable {
    const owners = new Map<string, CommandBundle>();
    for (const name of Object.keys(wire) as CommandBundle[]) for (const id of table[name].commands) owners.set(id, name);
    const proxies = contributedCommands(manifest).flatMap((id): Command[] => {
      const owner = owners.get(id);
      if (owner === undefined) return [];
      const execute = (...args: unknown[]): unknown => {
        const real = wire[owner]().find((c) => c.id === id);
        // A proxy without its command is a build mistake, not something a user can fix.
        if (!real) throw new Error(`Redline: command ${id} is missing from dist/${owner}.js`);
        return real.execute(...args);
      };
      return [{ id, execute }];
    });
    return registerCommands(proxies);
  }
}

/** The command ids of `contributes.commands` in a manifest (`context.extension.packageJSON`). */
export function contributedCommands(manifest: unknown): string[] {
  const commands = (manifest as { contributes?: { commands?: { command?: unknown }[] } } | undefined)?.contributes?.commands ?? [];
  return commands.flatMap((c) => (typeof c.command === 'string' ? [c.command] : []));
}

/** `f`, called once: a bundle is wired (its views and listeners registered) the first time only. */
export function once<T>(f: () => T): () => T {
  let done: { value: T } | undefined;
  return () => (done ??= { value: f() }).value;
}
