import type { Command } from './command';

/**
 * Commands the manifest contributes must exist from activation, while their code may be in a
 * bundle loaded on first use (Performance issue: the bundle loaded at activation). Each proxy gets
 * the real commands from `load`, which loads and wires the bundle the first time, and runs its own.
 */
export function lazyCommands(ids: readonly string[], load: () => readonly Command[]): Command[] {
  return ids.map((id) => ({
    id,
    execute: (...args: unknown[]) => {
      const real = load().find((c) => c.id === id);
      // A proxy without its command is a build mistake, not something a user can fix.
      if (!real) throw new Error(`Redline: command ${id} is missing from its bundle`);
      return real.execute(...args);
    },
  }));
}
