import * as vscode from 'vscode';
import { type ListedModel, modelChoices } from '../../core/agent/modelPicker';
import type { Result } from '../../core/result';
import type { KeySource } from '../../core/runs/ports';
import type { Command } from '../commands/command';
import { readAgentSettings } from './agentSettings';
import type { EndpointGate } from './endpointGate';

/** The model bundle's `listModels` (the SDK is loaded only when the picker first opens). */
export type ListModels = (credentials: { apiKey: string; baseURL?: string }) => Promise<Result<ListedModel[]>>;

type Target = 'both' | 'build' | 'plan';

interface ModelItem extends vscode.QuickPickItem {
  readonly id: string;
}

interface TargetItem extends vscode.QuickPickItem {
  readonly target: Target;
}

/**
 * *Redline: Select Model*: the models the key can use (the models API, merged with Redline's facts:
 * context, output, price, lifecycle), or Redline's own list of current models when the API cannot
 * be reached, which the title says. The choice is written to the user (global) settings, the only
 * scope a model is read from. An argument `'build'` or `'plan'` skips the question of which mode.
 */
export class SelectModelCommand implements Command {
  readonly id = 'redline.selectModel';

  constructor(
    private readonly keys: KeySource,
    private readonly listModels: () => ListModels,
    private readonly endpoints: EndpointGate,
  ) {}

  async execute(target?: unknown): Promise<void> {
    const settings = readAgentSettings();
    const listed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Redline: listing models' }, () =>
      this.list(settings.baseUrl),
    );
    const choices = modelChoices(listed.ok ? listed.value : undefined, settings, settings.prices);
    const title = listed.ok ? 'Redline: Select Model' : `Redline: Select Model (offline list: ${listed.reason})`;
    const items: ModelItem[] = choices.map((c) => ({
      id: c.id,
      label: c.lifecycle === 'deprecated' ? `$(warning) ${c.label}` : c.label,
      description: c.description,
      detail: c.detail,
    }));
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'The model for agent runs', matchOnDescription: true, matchOnDetail: true });
    if (picked === undefined) return;
    const mode = target === 'build' || target === 'plan' ? target : await this.pickTarget(picked.id, settings);
    if (mode === undefined) return;
    const config = vscode.workspace.getConfiguration('redline');
    if (mode !== 'plan') await config.update('model', picked.id, vscode.ConfigurationTarget.Global);
    // Both: plan mode follows the build model (an empty plan model means the same).
    if (mode !== 'build') await config.update('planModel', mode === 'both' ? undefined : picked.id, vscode.ConfigurationTarget.Global);
    const which = mode === 'both' ? 'build and plan runs' : mode === 'build' ? 'build runs' : 'plan runs';
    void vscode.window.showInformationMessage(`Redline: ${picked.id} for ${which}.`);
  }

  private async list(baseUrl: string): Promise<{ ok: true; value: ListedModel[] } | { ok: false; reason: string }> {
    const key = await this.keys.get();
    if (key === undefined || key === '') return { ok: false, reason: 'no API key is set' };
    const allowed = await this.endpoints.check(baseUrl);
    if (!allowed.ok) return { ok: false, reason: allowed.message };
    const result = await this.listModels()({ apiKey: key, ...(baseUrl === '' ? {} : { baseURL: baseUrl }) });
    return result.ok ? result : { ok: false, reason: `the models API could not be reached: ${result.message}` };
  }

  private async pickTarget(id: string, settings: { model: string; planModel: string }): Promise<Target | undefined> {
    const items: TargetItem[] = [
      { target: 'both', label: 'Build and plan', description: 'redline.model; plan mode follows it' },
      { target: 'build', label: 'Build only', description: `redline.model (now ${settings.model})` },
      { target: 'plan', label: 'Plan only', description: `redline.planModel (now ${settings.planModel})` },
    ];
    return (await vscode.window.showQuickPick(items, { title: `Redline: use ${id} for…` }))?.target;
  }
}
