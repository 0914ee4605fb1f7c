import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Environment } from '../../core/policy/environment';

/**
 * The host's path sockets a check could otherwise reach: those the host's variables point to
 * (`SSH_AUTH_SOCK`, `DBUS_SESSION_BUS_ADDRESS=unix:path=…`, `DOCKER_HOST=unix://…`,
 * `GPG_AGENT_INFO=…:pid:1`, VS Code's IPC hooks…) and every path socket bound in this network
 * namespace (`/proc/net/unix`: the buses, agents, databases and daemons listening now). A socket
 * answers `connect()` through a read-only bind and a new network namespace isolates only abstract
 * ones, so the sandbox hides the folders these are in. Only paths that `visible` keeps are
 * checked, and only those that are sockets now are returned.
 */
export async function hostSockets(env: Environment, visible: (p: string) => boolean): Promise<string[]> {
  const candidates = new Set<string>();
  for (const value of Object.values(env)) {
    // `unix:path=/run/user/1000/bus,guid=…`, `unix:///var/run/docker.sock`, `/tmp/gpg/S.agent:1:1`.
    for (const part of (value ?? '').split(/[;,:=]/)) {
      if (part.startsWith('/')) candidates.add(path.posix.normalize(part));
    }
  }
  const table = await fs.readFile('/proc/net/unix', 'utf8').catch(() => '');
  for (const line of table.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path — a path socket's name starts with `/`.
    const name = line.trim().split(/\s+/)[7];
    if (name?.startsWith('/') === true) candidates.add(path.posix.normalize(name));
  }
  const sockets: string[] = [];
  for (const candidate of candidates) {
    if (!visible(candidate)) continue;
    const stat = await fs.lstat(candidate).catch(() => undefined);
    if (stat?.isSocket() === true) sockets.push(candidate);
  }
  return sockets.sort();
}
