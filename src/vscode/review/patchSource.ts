import * as path from 'node:path';
import * as vscode from 'vscode';
import { fail, ok, type Result } from '../../core/result';
import { decodeBytes } from '../../core/text/decode';

/** A patch's text and where it came from: `name` is shown in titles and messages and names the changeset's source. */
export interface PatchSource {
  readonly name: string;
  readonly text: string;
  /** `patch:<file name>` or `patch:clipboard`. */
  readonly source: string;
  readonly title: string;
}

type Choice = 'editor' | 'file' | 'clipboard';

/**
 * The patch to review: `arg` (the Explorer's menu passes the file), else what the user picks: the
 * active diff editor's patch when there is one, a `.patch`/`.diff` file, or the clipboard.
 * Undefined when the user cancels; a failure says why nothing could be read.
 */
export async function pickPatchSource(arg: unknown): Promise<Result<PatchSource> | undefined> {
  if (arg instanceof vscode.Uri) return readPatchFile(arg);
  const doc = vscode.window.activeTextEditor?.document;
  const editor = doc?.languageId === 'diff' ? doc : undefined;
  const items: (vscode.QuickPickItem & { choice: Choice })[] = [
    ...(editor ? [{ label: `$(diff) ${path.posix.basename(editor.uri.path)}`, description: 'the patch in the active editor', choice: 'editor' as const }] : []),
    { label: '$(folder-opened) Patch File…', description: 'a .patch or .diff file', choice: 'file' },
    { label: '$(clipboard) Clipboard', description: 'a unified diff you copied', choice: 'clipboard' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Review which patch?',
    placeHolder: 'A unified diff (git diff, git format-patch, diff -u)',
  });
  switch (picked?.choice) {
    case undefined:
      return undefined;
    case 'editor':
      return editor && readEditor(editor);
    case 'file':
      return pickFile();
    case 'clipboard':
      return readClipboard();
  }
}

async function readEditor(doc: vscode.TextDocument): Promise<Result<PatchSource>> {
  // A saved file is read as bytes: the editor normalizes mixed line endings, and a patch of a
  // CRLF file carries its CRs inside otherwise LF lines.
  return doc.isUntitled || doc.isDirty ? ok(named(path.posix.basename(doc.uri.path), doc.getText())) : readPatchFile(doc.uri);
}

async function pickFile(): Promise<Result<PatchSource> | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { Patches: ['patch', 'diff'], 'All files': ['*'] },
    openLabel: 'Review Patch',
    title: 'Review which patch?',
  });
  return picked?.[0] && readPatchFile(picked[0]);
}

async function readClipboard(): Promise<Result<PatchSource>> {
  const text = await vscode.env.clipboard.readText();
  if (text.trim() === '') return fail('E_PATCH_EMPTY', 'the clipboard holds no text; copy a unified diff (git diff) first');
  return ok({ name: 'clipboard', text: text.replace(/^\uFEFF/, ''), source: 'patch:clipboard', title: 'Patch from the clipboard' });
}

async function readPatchFile(uri: vscode.Uri): Promise<Result<PatchSource>> {
  const name = path.posix.basename(uri.path);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    return fail('E_READ', `${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = decodeBytes(bytes);
  return text.ok ? ok(named(name, text.value)) : fail(text.code, `${name}: ${text.message}`);
}

function named(name: string, text: string): PatchSource {
  // A BOM (an editor's) is not part of the patch's first header.
  return { name, text: text.replace(/^\uFEFF/, ''), source: `patch:${name}`, title: `Patch: ${name}` };
}
