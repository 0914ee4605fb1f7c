/**
 * The bench's stand-in for the extension's `main`: loads the real production bundle and calls its
 * real activate() with the real context, timing both, so the host bench reads activation as it is.
 */
import { createRequire } from 'node:module';
import type * as vscode from 'vscode';
import type { RedlineApi } from '../../src/shared/api';

const loadStarted = performance.now();
const extension = createRequire(__filename)('./dist/extension.js') as typeof import('../../src/extension');
const loadMs = performance.now() - loadStarted;

export function activate(context: vscode.ExtensionContext): RedlineApi {
  const started = performance.now();
  const api = extension.activate(context);
  (globalThis as { __redlineBenchActivation?: unknown }).__redlineBenchActivation = { loadMs, activateMs: performance.now() - started };
  return api;
}

export const deactivate = extension.deactivate;
