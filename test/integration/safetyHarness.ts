// The agent, the review session, the public API and Review panels wired as the extension wires
// them, but owned by the test: so a test can reach the session behind the API and talk to a
// Review panel through a webview it controls (a forged message enters exactly where a real
// webview's message would, in the panel's validated channel).
import * as vscode from 'vscode';
import { ReviewSession } from '../../src/core/review/reviewSession';
import type { RedlineApi } from '../../src/shared/api';
import type { ReviewHeader, ReviewHunk, ToReviewWebview } from '../../src/shared/reviewProtocol';
import type { Runs } from '../../src/core/runs/runs';
import { createAgentRuns } from '../../src/vscode/agent/createAgentRuns';
import { createApi } from '../../src/vscode/api';
import { DisposableStore } from '../../src/core/dispose';
import type { Confirm } from '../../src/vscode/checks/workspaceChecks';
import type { SandboxKind } from '../../src/node/checks/sandbox';
import type { Logger } from '../../src/vscode/log';
import { reviewHeader } from '../../src/core/runs/reviewHeader';
import { ReviewPanel } from '../../src/vscode/review/reviewPanel';
import { VsCodeReviewWorkspace } from '../../src/vscode/review/reviewWorkspace';
import { workspaceTrust } from '../../src/vscode/workspaceTrust';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import type { MessagesDouble } from '../double/server';
import { FAKE_KEY, MemoryMemento, resetSettings } from './agentSupport';
import { policyRules } from '../../src/core/policy/policyRules';
import { Bundles } from '../../src/vscode/bundles';

/** A webview whose inbound messages the test sends and whose outbound ones it reads. */
export class FakeWebview {
  options: vscode.WebviewOptions = {};
  html = '';
  readonly cspSource = 'https://fake.vscode-cdn.net';
  readonly posted: ToReviewWebview[] = [];
  private readonly listeners = new Set<(message: unknown) => void>();

  readonly onDidReceiveMessage = (listener: (message: unknown) => void): vscode.Disposable => {
    this.listeners.add(listener);
    return new vscode.Disposable(() => this.listeners.delete(listener));
  };

  postMessage(message: ToReviewWebview): Thenable<boolean> {
    this.posted.push(message);
    return Promise.resolve(true);
  }

  asWebviewUri(uri: vscode.Uri): vscode.Uri {
    return uri;
  }

  /**
   * Delivers a message as if the webview had posted it. With `reply`, resolves once the host
   * answered (a notice, new hunks); without, after a moment (a dropped message gets no answer).
   */
  async send(message: unknown, reply = true): Promise<void> {
    // Moved blocks come on their own time, after a state: they answer nothing.
    const answers = () => this.posted.filter((m) => m.type !== 'moves').length;
    const before = answers();
    for (const l of [...this.listeners]) l(message);
    const deadline = Date.now() + (reply ? 15_000 : 100);
    while (Date.now() < deadline && (!reply || answers() === before)) await new Promise((resolve) => setTimeout(resolve, 20));
    if (reply && answers() === before) throw new Error(`the host did not answer ${JSON.stringify(message)}`);
  }

  notices(): string[] {
    return this.posted.flatMap((m) => (m.type === 'notice' ? [m.message] : []));
  }

  header(): ReviewHeader | undefined {
    const last = [...this.posted].reverse().find((m) => m.type === 'state' || m.type === 'hunks');
    return last?.type === 'state' ? last.state.header : last?.type === 'hunks' ? last.header : undefined;
  }

  hunks(): ReviewHunk[] {
    const state = [...this.posted].reverse().find((m) => m.type === 'state');
    return state?.type === 'state' ? [...state.state.hunks] : [];
  }
}

export interface OwnAgent {
  session: ReviewSession;
  runs: Runs;
  api: RedlineApi;
  logged: string[];
  openPanel(changesetId: string): { panel: ReviewPanel; webview: FakeWebview };
  dispose(): void;
}

/** The composition of src/vscode/composition.ts, minus the views, over a session the test holds. */
export function ownAgent(options: { confirm?: Confirm; sandbox?: () => Promise<SandboxKind> } = {}): OwnAgent {
  const logged: string[] = [];
  const log: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m), show: () => undefined };
  const paths = new WorkspacePaths(policyRules);
  const session = new ReviewSession(new VsCodeReviewWorkspace(paths), workspaceTrust, policyRules);
  const ext = vscode.extensions.getExtension('redline.redline')!;
  const memory = new Map<string, unknown>();
  const memento: vscode.Memento = {
    keys: () => [...memory.keys()],
    get: <T>(key: string, fallback?: T) => (memory.has(key) ? (memory.get(key) as T) : fallback),
    update: async (key, value) => void memory.set(key, value),
  };
  const runs = createAgentRuns({
    model: () => new Bundles(ext.extensionPath).get('model'),
    context: { storageUri: undefined, workspaceState: memento, globalState: new MemoryMemento(), extensionMode: vscode.ExtensionMode.Test },
    session,
    keys: { get: async () => FAKE_KEY },
    paths,
    log,
    ...(options.confirm === undefined ? {} : { confirm: options.confirm }),
    ...(options.sandbox === undefined ? {} : { sandbox: options.sandbox }),
  });
  const panels: ReviewPanel[] = [];
  const apiSubscriptions = new DisposableStore();
  return {
    session,
    runs,
    api: createApi(session, () => runs, apiSubscriptions),
    logged,
    openPanel(changesetId) {
      const webview = new FakeWebview();
      const fake = { webview, title: 'Review', reveal: () => undefined, dispose: () => undefined, onDidDispose: () => new vscode.Disposable(() => undefined) };
      const panel = new ReviewPanel(changesetId, fake as unknown as vscode.WebviewPanel, {
        extensionUri: ext.extensionUri,
        session,
        log,
        memento,
        header: reviewHeader(session, () => runs),
        requestFix: (id, hunkId, comment) => runs.requestFix(id, hunkId, comment),
        openHunk: async () => undefined,
      });
      panels.push(panel);
      return { panel, webview };
    },
    dispose() {
      for (const p of panels) p.dispose();
      apiSubscriptions.dispose();
      runs.dispose();
    },
  };
}

/** The end of every safety test: its agent and panels gone, the double closed (which fails on a leaked canary), settings reset. */
export async function endAttack(double: MessagesDouble | undefined, own: OwnAgent | undefined): Promise<void> {
  own?.dispose();
  await double?.close();
  await resetSettings();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** What the running test started, for `endAttacksAfterEach` to end. */
export interface LiveAttack {
  double?: MessagesDouble;
  own?: OwnAgent;
}

/** Ends, after each test and however it went, the double and agent the test put in the slots returned. */
export function endAttacksAfterEach(): LiveAttack {
  const live: LiveAttack = {};
  afterEach(async () => {
    const { double, own } = live;
    delete live.double;
    delete live.own;
    await endAttack(double, own);
  });
  return live;
}
