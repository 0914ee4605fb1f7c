import * as vscode from 'vscode';
import { proposalsFromPatch } from '../../core/patch/fromPatch';
import type { ReviewWorkspace } from '../../core/review/ports';
import type { ReviewSession } from '../../core/review/reviewSession';
import { ok, type Result } from '../../core/result';
import type { Command } from '../commands/command';
import { failureText } from '../../core/trust';
import { linklessText } from '../untrustedText';
import { pickPatchSource } from './patchSource';
import type { ReviewPanels } from './reviewPanels';

/**
 * *Redline: Review Patch…*: a unified diff (from another agent, a colleague, a pull request,
 * `git diff` or `git format-patch`), from a file or the clipboard, proposed as one changeset and
 * opened in the Review panel, so none of it lands before its hunks are accepted. Its paths go
 * through the session's workspace, the path policy of every proposal. A file whose hunks do not
 * apply exactly, or whose path is refused, is left out with its reason; the rest is proposed.
 */
export class ReviewPatchCommand implements Command {
  readonly id = 'redline.reviewPatch';

  constructor(
    private readonly session: ReviewSession,
    private readonly workspace: ReviewWorkspace,
    private readonly panels: ReviewPanels,
  ) {}

  /** `arg`: the patch file (the Explorer's menu); else the user picks the active diff editor, a file or the clipboard. Resolves with the changeset id. */
  async execute(arg?: unknown): Promise<string | undefined> {
    const picked = await pickPatchSource(arg);
    if (!picked) return undefined;
    if (!picked.ok) {
      void vscode.window.showErrorMessage(linklessText(failureText(picked, 'cannot read the patch')));
      return undefined;
    }
    const patch = picked.value;
    const proposals = await proposalsFromPatch(patch.text, (p) => this.diskText(p));
    if (!proposals.ok) {
      void vscode.window.showErrorMessage(linklessText(`${failureText(proposals, patch.name)}. Nothing was proposed.`));
      return undefined;
    }
    const { files, binary, failures } = proposals.value;
    const id = await this.session.propose({ title: patch.title, source: patch.source, files });
    if (!id.ok) {
      void vscode.window.showErrorMessage(linklessText(`${failureText(id, patch.name)}. Nothing was proposed.`));
      return undefined;
    }
    const leftOut = [...failures.map((f) => f.message), ...(binary.length > 0 ? [`binary files cannot be reviewed as text: ${binary.join(', ')}`] : [])];
    if (leftOut.length > 0) {
      const count = failures.length + binary.length;
      void vscode.window.showWarningMessage(
        linklessText(`Redline: ${patch.name}: ${count} file(s) left out, the rest is in the review. ${leftOut.join('; ')}`, 2000),
      );
    }
    void this.panels.open(id.value);
    return id.value;
  }

  /** The file's text on disk (null: no such file), after the path policy of every proposal. */
  private async diskText(raw: string): Promise<Result<string | null>> {
    const file = await this.workspace.resolve(raw);
    if (!file.ok) return file;
    const texts = await this.workspace.read(file.value);
    return texts.ok ? ok(texts.value.disk) : texts;
  }
}
