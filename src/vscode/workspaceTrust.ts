import * as vscode from 'vscode';
import type { TrustPort } from '../core/trust';

/** The core's trust port in VS Code: asked at each write, so trust granted meanwhile counts at once. */
export const workspaceTrust: TrustPort = { isTrusted: () => vscode.workspace.isTrusted };
