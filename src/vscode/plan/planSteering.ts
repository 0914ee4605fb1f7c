import * as vscode from 'vscode';
import type { Result } from '../../core/result';
import type { RunService } from '../../core/runs/runService';
import { failureText } from '../../core/trust';
import type { FromPlanWebview } from '../../shared/planProtocol';
import { linklessText } from '../untrustedText';

type SteerMessage = Extract<FromPlanWebview, { type: 'queueMessage' | 'editQueued' | 'withdrawQueued' }>;

/**
 * The run view's message box: queues, edits and withdraws the user's messages for a running agent.
 * The panel updates from the run service's change; a refusal (the message was sent meanwhile, the
 * run ended) is said in a notification.
 */
export async function steer(runs: RunService | undefined, message: SteerMessage): Promise<void> {
  if (runs === undefined) return;
  const steering = runs.steering;
  let result: Result<unknown>;
  switch (message.type) {
    case 'queueMessage':
      result = await steering.add(message.runId, message.text);
      break;
    case 'editQueued':
      result = await steering.edit(message.runId, message.messageId, message.text);
      break;
    case 'withdrawQueued':
      result = await steering.withdraw(message.runId, message.messageId);
      break;
  }
  if (!result.ok) void vscode.window.showErrorMessage(linklessText(failureText(result)));
}
