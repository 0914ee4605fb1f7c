import * as vscode from 'vscode';
import type { Answer, QuestionsPort } from '../../core/agent/ports';
import { linklessText } from '../untrustedText';

/**
 * ask_user's questions as an input box that stays open when focus moves (the user may need to read
 * code to answer). Stop closes it: the run's signal cancels the box, and the answer is `cancelled`.
 */
export const inputBoxQuestions: QuestionsPort = {
  async ask(question, signal): Promise<Answer> {
    if (signal.aborted) return { kind: 'cancelled' };
    const source = new vscode.CancellationTokenSource();
    const cancel = (): void => source.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const answer = await vscode.window.showInputBox(
        {
          title: `Redline: the agent asks (${question.from})`,
          prompt: linklessText(question.text),
          placeHolder: 'Your answer; Escape leaves it unanswered',
          ignoreFocusOut: true,
        },
        source.token,
      );
      if (signal.aborted) return { kind: 'cancelled' };
      return answer === undefined || answer.trim() === '' ? { kind: 'dismissed' } : { kind: 'answered', text: answer };
    } finally {
      signal.removeEventListener('abort', cancel);
      source.dispose();
    }
  },
};
