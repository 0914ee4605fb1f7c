// The Agents view, the wait notifications, the "agent gone" marks and auto-allow. The view and the
// notifications are built over a review session of their own (the extension's is not reachable
// from a test) with the real workspace adapter, the real hook reviews and the same event wiring the
// extension uses, told through a recording `AgentNotify`; auto-allow runs end to end through the
// extension's hook, as Claude Code runs it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { policyRules } from '../../src/core/policy/policyRules';
import { HeldWrites } from '../../src/core/review/heldWrites';
import { ReviewSession } from '../../src/core/review/reviewSession';
import { reviewHeader } from '../../src/core/runs/reviewHeader';
import { AgentActivity } from '../../src/core/terminalAgents/agentActivity';
import type { HookAnswer } from '../../src/core/terminalAgents/hookAnswers';
import { HookReviews } from '../../src/core/terminalAgents/hookReviews';
import { NOTICE_MAX_MS } from '../../src/core/terminalAgents/waitNotices';
import { ChangesetTree } from '../../src/vscode/editor/changesetTree';
import { VsCodeReviewWorkspace } from '../../src/vscode/review/reviewWorkspace';
import { agentReviewEvents, type AgentNotify } from '../../src/vscode/terminalAgents/agentReviewEvents';
import { AgentsTree, type AgentNode } from '../../src/vscode/terminalAgents/agentsTree';
import { workspaceTrust } from '../../src/vscode/workspaceTrust';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { api, read, root, waitFor } from './agentSupport';
import { lines } from './gitSupport';
import { agentWrites, editInput, hookCommand, nextHookChangeset, reasonOf, runHook, spawnHook } from './terminalAgentSupport';

const MINUTE = 60_000;

/** What the wiring told the user, in order. */
class RecordingNotify implements AgentNotify {
  readonly infos: { message: string; actions: string[] }[] = [];
  readonly warnings: string[] = [];
  readonly reviewed: string[] = [];
  /** The action the next notification's user picks. */
  pick: string | undefined;
  info(message: string, ...actions: string[]): Thenable<string | undefined> {
    this.infos.push({ message, actions });
    return Promise.resolve(this.pick);
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
  review(changesetId: string): void {
    this.reviewed.push(changesetId);
  }
}

/** The extension's wiring of the hooks' events, over a session of the test's own. */
function setup() {
  const paths = new WorkspacePaths(policyRules);
  // As the extension builds it: a waiting agent's accepts are held for its own tool.
  const workspace = new HeldWrites(new VsCodeReviewWorkspace(paths));
  const session = new ReviewSession(workspace, workspaceTrust, policyRules);
  const activity = new AgentActivity(() => ['claude-code']);
  const notify = new RecordingNotify();
  const logs: string[] = [];
  /** The auto-allow setting as the wiring reads it. */
  const settings = { autoAllow: [] as string[] };
  const events = agentReviewEvents({
    session,
    activity,
    notify,
    autoAllowSetting: () => settings.autoAllow,
    guards: { denied: (p) => paths.denyPolicy().deniedBy(p) !== undefined, protectedPath: (p) => policyRules.protectionFor(p).length > 0 },
    log: (m) => logs.push(m),
  });
  const reviews = new HookReviews(session, workspace, workspaceTrust, events);
  activity.attach(reviews);
  const settling = session.onDidChange(() => activity.settle());
  const clock = { offset: 0 };
  const agents = new AgentsTree(activity, session, () => Date.now() + clock.offset);
  const changesets = new ChangesetTree(session, activity);
  const dispose = (): void => {
    agents.dispose();
    changesets.dispose();
    settling.dispose();
    reviews.dispose();
    events.dispose();
    activity.dispose();
  };
  /** Claude Code's Edit of `rel` from `base` to `edited`, waiting for its review until `gone` aborts. */
  const waiting = async (rel: string, base: string, edited: string, gone: AbortSignal) => {
    const answer = reviews.handle(editInput(rel, base, edited), gone);
    return { answer, id: await waitFor('the waiting edit', () => activity.waits()[0]?.changesetId) };
  };
  /** The agent's state as the Review panel's header shows it. */
  const agentState = (id: string) =>
    reviewHeader(
      session,
      () => undefined,
      (cs) => activity.state(cs),
    )(id).agentState;
  return { session, activity, notify, reviews, agents, changesets, clock, logs, settings, waiting, agentState, dispose };
}

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

/** The tree as the user reads it: each agent with its description, and under it each wait. */
function rows(tree: AgentsTree): string[] {
  return tree.getChildren().flatMap((agent: AgentNode) => {
    const a = tree.getTreeItem(agent);
    return [
      `${labelOf(a)} — ${String(a.description)}`,
      ...tree.getChildren(agent).map((w) => `  ${labelOf(tree.getTreeItem(w))} — ${String(tree.getTreeItem(w).description)}`),
    ];
  });
}

describe('terminal agents: the Agents view, wait notifications and auto-allow', function () {
  this.timeout(60_000);
  let t: ReturnType<typeof setup>;
  beforeEach(() => (t = setup()));
  afterEach(() => t.dispose());

  it("is contributed to Redline's sidebar, with a welcome that connects Claude Code when nothing is connected", async () => {
    await api();
    const pkg = vscode.extensions.getExtension('redline.redline')!.packageJSON as {
      contributes: { views: Record<string, { id: string }[]>; viewsWelcome: { view: string; contents: string }[] };
    };
    assert.ok(
      pkg.contributes.views['redline']?.some((v) => v.id === 'redline.agents'),
      'the Agents view is not in the Redline container',
    );
    const welcome = pkg.contributes.viewsWelcome.find((w) => w.view === 'redline.agents');
    assert.match(welcome?.contents ?? '', /\[Connect Claude Code\]\(command:redline\.connectClaudeCode\)/);
    assert.ok((await vscode.commands.getCommands(true)).includes('redline.agents.focus'), 'the workbench has no Agents view');
    const activity = new AgentActivity(() => []);
    const tree = new AgentsTree(activity, new ReviewSession(new VsCodeReviewWorkspace(new WorkspacePaths(policyRules)), workspaceTrust, policyRules));
    assert.deepEqual(tree.getChildren(), [], 'with no agent connected the view must be empty, so its welcome shows');
    tree.dispose();
  });

  it('lists the connected agent and its waiting edit with its age; a click opens the review; one notification', async () => {
    const base = lines(20);
    const { answer, id } = await t.waiting('src/view/a.ts', base, base.replace('line 3\n', 'three\n'), new AbortController().signal);
    assert.deepEqual(rows(t.agents), ['Claude Code — connected · 1 waiting', '  src/view/a.ts — waiting < 1 min']);
    t.clock.offset = 2 * MINUTE + 5_000;
    assert.deepEqual(rows(t.agents), ['Claude Code — connected · 1 waiting', '  src/view/a.ts — waiting 2 min'], 'the age must follow the clock');
    const [agent] = t.agents.getChildren();
    const wait = t.agents.getChildren(agent)[0]!;
    assert.deepEqual(t.agents.getTreeItem(wait).command?.command, 'redline.openReview');
    assert.deepEqual(t.agents.getTreeItem(wait).command?.arguments, [id], 'a click must open that changeset’s review');
    await waitFor('the age timer', () => t.agents.aging);

    t.notify.pick = 'Review';
    await waitFor('the notification', () => t.notify.infos.length > 0);
    assert.deepEqual(t.notify.infos, [{ message: 'Redline: Claude Code waits for your review of src/view/a.ts.', actions: ['Review'] }]);
    await waitFor('Review to open the changeset', () => t.notify.reviewed.length > 0);
    assert.deepEqual(t.notify.reviewed, [id]);
    assert.equal(String(t.changesets.getTreeItem({ kind: 'changeset', changesetId: id }).description), '1 pending · agent waiting');
    // A narrow sidebar cuts the description: the icon says it too.
    assert.equal((t.changesets.getTreeItem({ kind: 'changeset', changesetId: id }).iconPath as vscode.ThemeIcon).id, 'watch');
    assert.equal(t.agentState(id), 'waiting');

    const hunk = t.session.get(id)!.changeset.files[0]!.hunks[0]!;
    await t.session.decide(id, hunk.id, 'reject', 'keep 3');
    const a: HookAnswer = await answer;
    assert.equal(a.hookSpecificOutput.permissionDecision, 'deny');
    assert.deepEqual(rows(t.agents), ['Claude Code — connected'], 'an answered edit must leave the view');
    assert.equal(t.agentState(id), undefined);
    await waitFor('the age timer to stop', () => !t.agents.aging);
    await new Promise((r) => setTimeout(r, NOTICE_MAX_MS));
    assert.equal(t.notify.infos.length, 1, 'at most one notification per changeset');
  });

  it('a burst of three edits: one notification for them', async () => {
    const base = lines(10);
    const gone = new AbortController();
    const answers = ['x', 'y', 'z'].map((n) => t.reviews.handle(editInput(`src/view/burst-${n}.ts`, base, base.replace('line 2\n', `${n}\n`)), gone.signal));
    await waitFor('three waits', () => t.activity.waits().length === 3);
    await waitFor('the notification', () => t.notify.infos.length > 0);
    await new Promise((r) => setTimeout(r, NOTICE_MAX_MS));
    assert.deepEqual(t.notify.infos, [{ message: 'Redline: Claude Code waits for your review of 3 edits.', actions: ['Review'] }]);
    gone.abort();
    await Promise.all(answers);
  });

  it('an agent that stops waiting: its edit stays, marked "agent gone" in both views and the Review header', async () => {
    const base = lines(20);
    const gone = new AbortController();
    const { answer, id } = await t.waiting('src/view/gone.ts', base, base.replace('line 9\n', 'nine\n'), gone.signal);
    gone.abort();
    await answer;
    assert.deepEqual(rows(t.agents), ['Claude Code — connected', '  src/view/gone.ts — agent gone']);
    assert.equal(String(t.changesets.getTreeItem({ kind: 'changeset', changesetId: id }).description), '1 pending · agent gone');
    assert.equal((t.changesets.getTreeItem({ kind: 'changeset', changesetId: id }).iconPath as vscode.ThemeIcon).id, 'debug-disconnect');
    assert.equal(t.agentState(id), 'gone');
    assert.match(t.notify.warnings[0] ?? '', /Claude Code stopped waiting for src\/view\/gone\.ts/);
    await waitFor('the age timer to stop', () => !t.agents.aging);
    // Writing it is the user's choice: accepted, it lands, and the edit leaves the Agents view.
    await t.session.decide(id, t.session.get(id)!.changeset.files[0]!.hunks[0]!.id, 'accept');
    assert.equal(read('src/view/gone.ts'), base.replace('line 9\n', 'nine\n'));
    assert.deepEqual(rows(t.agents), ['Claude Code — connected']);
  });

  it('an auto-allowed edit is accepted at once, marked in the Changesets view, with no notification', async () => {
    t.settings.autoAllow = ['src/view/auto/**'];
    const base = lines(20);
    const edited = base.replace('line 4\n', 'four\n');
    const answer = await t.reviews.handle(editInput('src/view/auto/a.ts', base, edited), new AbortController().signal);
    assert.equal(answer.hookSpecificOutput.permissionDecision, 'allow', 'an auto-allowed edit is allowed at once');
    assert.equal(answer.hookSpecificOutput.updatedInput?.['new_string'], edited);
    agentWrites(answer);
    assert.equal(read('src/view/auto/a.ts'), edited);
    // The agent hears its answer first; the edit is recorded right after, accepted and marked.
    await waitFor('the auto-allowed edit in the history', () => t.session.ids().length === 1);
    const [id] = t.session.ids();
    await waitFor('the auto-allowed mark', () => t.activity.isAutoAllowed(id!));
    assert.equal(String(t.changesets.getTreeItem({ kind: 'changeset', changesetId: id! }).description), 'all decided · auto-allowed');
    assert.deepEqual(
      t.session.get(id!)?.changeset.files[0]?.hunks.map((h) => h.state),
      ['accepted'],
    );
    assert.deepEqual(rows(t.agents), ['Claude Code — connected'], 'an auto-allowed edit never waits in the Agents view');
    await new Promise((r) => setTimeout(r, NOTICE_MAX_MS));
    assert.deepEqual(t.notify.infos, [], 'an auto-allowed edit must not be announced');
  });
});

describe('terminal agents: auto-allow through the extension’s hook', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('redline.terminalAgents');

  before(async () => {
    execFileSync('git', ['init', '-q'], { cwd: root() });
    await config().update('autoAllow', ['src/autoallow/**', '.github/**'], vscode.ConfigurationTarget.Global);
    await (await api()).connectAgent('claude-code');
  });

  after(async () => {
    await config().update('autoAllow', undefined, vscode.ConfigurationTarget.Global);
    await (await api()).disconnectAgent('claude-code');
    fs.rmSync(path.join(root(), '.git'), { recursive: true, force: true });
    fs.rmSync(path.join(root(), '.claude'), { recursive: true, force: true });
    fs.rmSync(path.join(root(), '.github'), { recursive: true, force: true });
  });

  it('a matching edit lands at once and is in the history with its hunks accepted', async () => {
    const redline = await api();
    const base = lines(20);
    const appeared = nextHookChangeset(redline);
    const edited = base.replace('line 5\n', 'five\n');
    const answer = await runHook(hookCommand(), editInput('src/autoallow/a.ts', base, edited));
    assert.equal(answer.hookSpecificOutput.permissionDecision, 'allow', `not allowed at once: ${reasonOf(answer)}`);
    assert.equal(answer.hookSpecificOutput.updatedInput?.['new_string'], edited, 'the agent must be allowed to write its whole edit');
    agentWrites(answer);
    assert.equal(read('src/autoallow/a.ts'), edited);
    const cs = redline.getChangeset((await appeared).id);
    assert.deepEqual(
      cs?.files.map((f) => [f.path, f.hunks.map((h) => h.state)]),
      [['src/autoallow/a.ts', ['accepted']]],
      'the auto-allowed edit must stay in the review history, accepted',
    );
  });

  it('a non-matching edit waits for the review; so does a matching one on a protected path', async () => {
    const redline = await api();
    for (const rel of ['src/manual/b.ts', '.github/workflows/ci.yml']) {
      const base = rel.endsWith('.yml') ? 'on: push\njobs: {}\n' : lines(20);
      const edited = rel.endsWith('.yml') ? 'on: [push, pull_request]\njobs: {}\n' : base.replace('line 5\n', 'five\n');
      const appeared = nextHookChangeset(redline);
      const child = spawnHook(hookCommand(), editInput(rel, base, edited));
      const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
      let done = false;
      void exited.then(() => (done = true));
      const cs = await appeared;
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(done, false, `${rel}: the agent must still wait for the review`);
      assert.deepEqual(
        redline.getChangeset(cs.id)?.files[0]?.hunks.map((h) => h.state),
        ['pending'],
        `${rel} must not be auto-allowed`,
      );
      assert.equal(read(rel), base, `${rel} must not be written before the review`);
      await redline.decide(cs.id, cs.files[0]!.hunks[0]!.id, 'reject', 'not now');
      await exited;
    }
  });
});
