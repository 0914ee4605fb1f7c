import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The rg that VS Code ships, under its `appRoot`: `@vscode/ripgrep` in a desktop build (unpacked
 * from the asar archive), or `@vscode/ripgrep-universal` with a folder per platform (the server
 * builds, code-server). Undefined when none is there: search then falls back to JavaScript.
 */
export function findRipgrep(appRoot: string, platform: string = process.platform, arch: string = process.arch): string | undefined {
  const binary = platform === 'win32' ? 'rg.exe' : 'rg';
  const candidates = ['node_modules', 'node_modules.asar.unpacked'].flatMap((modules) => [
    path.join(appRoot, modules, '@vscode', 'ripgrep', 'bin', binary),
    path.join(appRoot, modules, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, binary),
  ]);
  return candidates.find((candidate) => isExecutable(candidate));
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
