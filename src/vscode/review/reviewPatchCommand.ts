import * as path from 'node:path';
import * as vscode from 'vscode';
import { proposalsFromPatch } from '../../core/patch/fromPatch';
import type { ReviewWorkspace } from '../../core/review/ports';
import type { ReviewSession } from '../../core/review/reviewSession';
import { fail, ok, type Result } from '../../core/result';
import { decodeBytes } from '../../core/text/decode';
import type { Command } from '../commands/command';
import { failureText } from '../../core/trust';
import type { ReviewPanels } from './reviewPanels';

interface PatchSource {
  readonly name: string;
  readonly text: string;
}

/**
 * *Redline: Review Patch…*: a unified diff (from another agent, a colleague, `git diff` or
 * `git format-patch`) proposed as one changeset and opened in the Review panel, so none of it
 * lands before its hunks are accepted. Its paths go through the session's workspace, the path
 * policy of every proposal; a patch that does not apply exactly proposes nothing.
 */
export class ReviewPatchCommand implements Command {
  readonly id = 'redline.reviewPatch';

  constructor(
    private readonly session: ReviewSession,
    private readonly workspace: ReviewWorkspace,
    private readonly panels: ReviewPanels,
  ) {}

  /** `arg`: the patch file (the Explorer's menu); else the active diff editor, else a dialog. Resolves with the changeset id. */
  async execute(arg?: unknown): Promise<string | undefined> {
    const source = await patchSource(arg);
    if (!source) return undefined;
    if (!source.ok) {
      void vscode.window.showErrorMessage(failureText(source, 'cannot read the patch'));
      return undefined;
    }
    const { name, text } = source.value;
    const proposals = await proposalsFromPatch(text, (p) => this.diskText(p));
    if (!proposals.ok) {
      void vscode.window.showErrorMessage(`${failureText(proposals, name)}. Nothing was proposed.`);
      return undefined;
    }
    const { files, binary } = proposals.value;
    const id = await this.session.propose({ title: `Patch: ${name}`, source: 'patch', files });
    if (!id.ok) {
      void vscode.window.showErrorMessage(`${failureText(id, name)}. Nothing was proposed.`);
      return undefined;
    }
    if (binary.length > 0) {
      void vscode.window.showWarningMessage(`Redline: ${name}: binary files cannot be reviewed as text and were left out: ${binary.join(', ')}`);
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

async function patchSource(arg: unknown): Promise<Result<PatchSource> | undefined> {
  if (arg instanceof vscode.Uri) return readPatch(arg);
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'diff') {
    // A saved file is read as bytes: the editor normalizes mixed line endings, and a patch of a
    // CRLF file carries its CRs inside otherwise LF lines.
    return doc.isUntitled || doc.isDirty ? ok({ name: path.posix.basename(doc.uri.path), text: doc.getText() }) : readPatch(doc.uri);
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { Patches: ['patch', 'diff'] },
    openLabel: 'Review Patch',
    title: 'Review which patch?',
  });
  return picked?.[0] && readPatch(picked[0]);
}

async function readPatch(uri: vscode.Uri): Promise<Result<PatchSource>> {
  const name = path.posix.basename(uri.path);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    return fail('E_READ', `${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = decodeBytes(bytes);
  // A BOM (an editor's) is not part of the patch's first header.
  return text.ok ? ok({ name, text: text.value.replace(/^\uFEFF/, '') }) : fail(text.code, `${name}: ${text.message}`);
}
