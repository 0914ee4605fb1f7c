import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { errorStep, textReply } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { api, read, resetSettings, startDouble, stubWindow, waitFor, waitForEnd, writePlan } from './agentSupport';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('redline');
const userValue = (key: string): unknown => config().inspect(key)?.globalValue;
const setUser = (key: string, value: unknown): Thenable<void> => config().update(key, value, vscode.ConfigurationTarget.Global);

interface PickCall {
  items: readonly (vscode.QuickPickItem & { id?: string; target?: string })[];
  options: vscode.QuickPickOptions | undefined;
}

/** Answers `showQuickPick` calls in order with `choose` (a label or id to pick, or undefined to dismiss). */
function stubQuickPick(choose: ((call: PickCall) => string | undefined)[]): { calls: PickCall[]; restore: () => void } {
  const win = vscode.window as unknown as Record<string, unknown>;
  const original = win.showQuickPick;
  const calls: PickCall[] = [];
  win.showQuickPick = async (items: PickCall['items'] | Thenable<PickCall['items']>, options?: vscode.QuickPickOptions) => {
    const call = { items: await items, options };
    calls.push(call);
    const wanted = choose[calls.length - 1]?.(call);
    return call.items.find((i) => i.id === wanted || i.target === wanted || i.label === wanted);
  };
  return { calls, restore: () => (win.showQuickPick = original) };
}

describe("the agent on today's models in the extension host", function () {
  this.timeout(60_000);
  let double: MessagesDouble | undefined;
  const restores: (() => void)[] = [];

  afterEach(async () => {
    for (const restore of restores.splice(0)) restore();
    await double?.close();
    double = undefined;
    await resetSettings();
    for (const key of ['model', 'planModel']) await setUser(key, undefined);
  });

  it('a retired configured model refuses the run with its replacement named (no bare 404), changes nothing, and switches in one click', async () => {
    const redline = await api();
    const shown: unknown[][] = [];
    restores.push(
      stubWindow('showErrorMessage', async (...args: unknown[]) => {
        shown.push(args);
        return 'Switch to claude-sonnet-5-5';
      }),
    );
    const plan = writePlan('models-retired');
    const before = read(plan);
    double = await startDouble([textReply('never sent')]);
    await setUser('model', 'claude-sonnet-4-5');
    await assert.rejects(redline.startRun({ plan, mode: 'build' }), (error: Error) => {
      assert.match(error.message, /Claude Sonnet 4\.5 \(claude-sonnet-4-5\) is retired since 2026-11-30.*Switch to Claude Sonnet 5\.5 \(claude-sonnet-5-5\)/);
      assert.doesNotMatch(error.message, /404/);
      return true;
    });
    assert.equal(double.requests.length, 0, 'the model was asked');
    assert.equal(read(plan), before, 'the plan was written for a refused run');
    const offer = await waitFor('the error with the switch', () => shown.find((args) => /is retired/.test(String(args[0]))));
    assert.ok(offer.includes('Switch to claude-sonnet-5-5'), `no switch offered: ${JSON.stringify(offer)}`);
    await waitFor('the build model to be switched', () => userValue('model') === 'claude-sonnet-5-5');
    const run = await waitForEnd(redline, await redline.startRun({ plan, mode: 'build' }));
    assert.equal(run.state, 'done', run.error);
    assert.equal((double.messageRequests()[0]?.body as { model?: string }).model, 'claude-sonnet-5-5');
  });

  it('a deprecated model warns with its retirement date and the switch, and the run goes on', async () => {
    const redline = await api();
    const shown: unknown[][] = [];
    restores.push(
      stubWindow('showWarningMessage', async (...args: unknown[]) => {
        shown.push(args);
        return /deprecated/.test(String(args[0])) ? 'Switch to claude-opus-5-5' : undefined;
      }),
    );
    const plan = writePlan('models-deprecated');
    double = await startDouble([textReply('A plan.')]);
    await setUser('model', 'claude-opus-4-5-20251101');
    const run = await waitForEnd(redline, await redline.startRun({ plan, mode: 'plan' }));
    assert.equal(run.state, 'done', run.error);
    assert.equal((double.messageRequests()[0]?.body as { model?: string }).model, 'claude-opus-4-5-20251101', 'the run used the configured model');
    const warning = await waitFor('the deprecation warning', () => shown.find((args) => /deprecated and retires on 2027-01-22/.test(String(args[0]))));
    assert.ok(warning.includes('Switch to claude-opus-5-5'));
    // Plan mode follows the build model (no plan model set), so the switch moves the build model.
    await waitFor('the model to be switched', () => userValue('model') === 'claude-opus-5-5');
    assert.equal(userValue('planModel'), undefined);
  });

  it('a model the endpoint does not serve (404 not_found_error) fails the run with what to do', async () => {
    const redline = await api();
    const plan = writePlan('models-404');
    double = await startDouble([errorStep(404, { errorType: 'not_found_error', message: 'model: claude-gone-9' })]);
    await setUser('model', 'claude-gone-9');
    const run = await waitForEnd(redline, await redline.startRun({ plan, mode: 'plan' }));
    assert.equal(run.state, 'failed');
    assert.match(
      run.error ?? '',
      /The model claude-gone-9 is not available \(retired or unknown to this endpoint\)\. Pick another with "Redline: Select Model"/,
    );
    assert.equal(run.usage.costUsd, 0);
  });

  it("Select Model lists the double's models with their facts and writes the choice for plan mode", async () => {
    double = await startDouble([]);
    const pick = stubQuickPick([() => 'claude-sonnet-5-5', () => 'plan']);
    restores.push(
      pick.restore,
      stubWindow('showInformationMessage', async () => undefined),
    );
    await vscode.commands.executeCommand('redline.selectModel');
    const [models, target] = pick.calls;
    assert.ok(models !== undefined && target !== undefined, `the picker was shown ${pick.calls.length} times`);
    assert.equal(models.options?.title, 'Redline: Select Model');
    const ids = models.items.map((i) => i.id);
    assert.ok(ids.includes('claude-opus-5-5') && ids.includes('claude-haiku-4-5'), ids.join(', '));
    assert.ok(!ids.includes('claude-sonnet-4-5'), 'a retired model was offered');
    const opus = models.items.find((i) => i.id === 'claude-opus-5-5');
    assert.equal(opus?.detail, '1M context · 128K output · $4 / $20 per MTok');
    assert.match(opus?.description ?? '', /current for build and plan/);
    const deprecated = models.items.find((i) => i.id === 'claude-opus-4-5');
    assert.match(deprecated?.label ?? '', /^\$\(warning\) /);
    assert.ok(ids.indexOf('claude-opus-4-5') > ids.indexOf('claude-haiku-4-5'), 'deprecated models come last');
    assert.ok(
      double.requests.some((r) => r.method === 'GET' && r.path === '/v1/models'),
      'the models API was not asked',
    );
    await waitFor('the plan model to be written', () => userValue('planModel') === 'claude-sonnet-5-5');
    assert.equal(userValue('model'), undefined, 'the build model was changed');
  });

  it('Select Model falls back to the known models when the API cannot be reached, and says so in its title', async () => {
    double = await startDouble([]);
    const url = double.url;
    await double.close();
    double = undefined;
    await setUser('anthropic.baseUrl', url);
    const pick = stubQuickPick([() => 'claude-haiku-5-5']);
    restores.push(pick.restore);
    await vscode.commands.executeCommand('redline.selectModel', 'build');
    const [models] = pick.calls;
    assert.match(models?.options?.title ?? '', /offline list: the models API could not be reached/);
    assert.ok(models?.items.some((i) => i.id === 'claude-opus-5-5'));
    assert.ok(!models?.items.some((i) => i.id === 'claude-opus-4-5'), 'the offline list offered a deprecated model');
    assert.equal(pick.calls.length, 1, 'the mode was asked although the command named it');
    await waitFor('the build model to be written', () => userValue('model') === 'claude-haiku-5-5');
  });
});
