import * as vscode from 'vscode';
import type { ModelNotice } from '../../core/runs/modelCheck';
import { linklessText } from '../untrustedText';

const SELECT = 'Select Model…';

/**
 * The setting a run of `mode` reads its model from: plan mode's own when the user set one, else the
 * build model (which plan mode falls back to).
 */
export function modelSettingFor(mode: 'plan' | 'build'): 'model' | 'planModel' {
  if (mode === 'build') return 'model';
  const planModel = vscode.workspace.getConfiguration('redline').inspect<string>('planModel')?.globalValue;
  return typeof planModel === 'string' && planModel.trim() !== '' ? 'planModel' : 'model';
}

/**
 * Shows what a run's model means, with a one-click switch: the user (global) setting is updated,
 * the only scope Redline reads a model from (agentSettings.ts).
 */
export async function showModelNotice(notice: ModelNotice, severity: 'error' | 'warning', mode: 'plan' | 'build'): Promise<void> {
  const switchLabel = notice.switchTo === undefined ? undefined : `Switch to ${notice.switchTo}`;
  const actions = [...(switchLabel === undefined ? [] : [switchLabel]), SELECT];
  const show = severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const picked = await show(`Redline: ${linklessText(notice.message)}`, ...actions);
  if (picked === SELECT) return void (await vscode.commands.executeCommand('redline.selectModel'));
  if (picked === undefined || picked !== switchLabel || notice.switchTo === undefined) return;
  const setting = modelSettingFor(mode);
  await vscode.workspace.getConfiguration('redline').update(setting, notice.switchTo, vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage(`Redline: redline.${setting} is now ${notice.switchTo}.`);
}
