import { createChangesetWith } from '../changeset/build';
import type { LineDiffPort } from '../diff/lineDiffPort';
import { decidedText } from '../changeset/items';
import { replaceFiles } from '../changeset/locate';
import { rebaseFile } from '../changeset/rebase';
import type { FileChange, FileInput } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import { runSliced } from '../slices';
import type { ReviewStep } from '../../shared/reviewProtocol';
import type { ChangesetEntry } from './changesetEntry';
import { flagSteps, type FlagContext, type FlagRules } from './flags';
import type { FileTexts, ResolvedFile, ReviewWorkspace } from './ports';

export interface ProposeInput {
  readonly title?: string;
  readonly source: string;
  readonly files: readonly {
    readonly path: string;
    readonly newText: string | null;
    readonly stepRanges?: FileInput['stepRanges'];
    /** Why: the group the reading order puts the file's hunks in (a terminal agent's tool call). */
    readonly intent?: string;
  }[];
  readonly flags?: FlagContext;
  /** Tells the session which run the changeset serves (for rejection feedback and the header). */
  readonly runId?: string;
  /** The plan's steps, in plan order, that the hunks' step ids refer to. */
  readonly steps?: readonly ReviewStep[];
}

/** A file the caller has resolved and read just before (a hook's edit): not resolved or read again. */
export interface ReadFile {
  readonly file: ResolvedFile;
  readonly texts: FileTexts;
}

const MAX_FILES = 5_000;

/**
 * A proposal's changeset, built from new texts relative to the files on disk, rebased onto the
 * user's unsaved edits and flagged: what the review session opens. `read` holds files already
 * resolved and read, by the path the input names.
 */
export async function proposalEntry(
  id: string,
  input: ProposeInput,
  deps: { workspace: ReviewWorkspace; rules: FlagRules; lineDiff: LineDiffPort; read?: ReadonlyMap<string, ReadFile> },
): Promise<Result<ChangesetEntry>> {
  if (input.files.length === 0) return fail('E_INPUT', 'proposeChanges needs at least one file');
  if (input.files.length > MAX_FILES) return fail('E_INPUT', `at most ${MAX_FILES} files in one changeset`);
  const resolved = new Map<string, ResolvedFile>();
  const fileInputs: FileInput[] = [];
  const currents = new Map<string, string | null>();
  for (const f of input.files) {
    const known = deps.read?.get(f.path);
    const r = known ? ok(known.file) : await deps.workspace.resolve(f.path);
    if (!r.ok) return fail(r.code, `${f.path}: ${r.message}`);
    if (resolved.has(r.value.path)) return fail('E_INPUT', `${r.value.path} appears twice in the proposal`);
    const texts = known ? ok(known.texts) : await deps.workspace.read(r.value);
    if (!texts.ok) return fail(texts.code, `${r.value.path}: ${texts.message}`);
    if (texts.value.disk === null && f.newText === null) return fail('E_INPUT', `${r.value.path}: cannot delete a file that does not exist`);
    resolved.set(r.value.path, r.value);
    currents.set(r.value.path, texts.value.current);
    fileInputs.push({
      path: r.value.path,
      baseText: texts.value.disk,
      proposedText: f.newText,
      ...(f.stepRanges ? { stepRanges: f.stepRanges } : {}),
      ...(f.intent === undefined ? {} : { intent: f.intent }),
    });
  }
  const created = await createChangesetWith({ id, title: input.title?.trim() || 'Proposed changes', source: input.source, files: fileInputs }, deps.lineDiff);
  if (!created.ok) return created;
  let cs = created.value;
  // The proposal is relative to the saved file; fold in what the user has typed since.
  const rebased = new Map<number, FileChange>();
  cs.files.forEach((file, i) => {
    const current = currents.get(file.path);
    if (current === undefined || current === null || current === decidedText(file)) return;
    const r = rebaseFile(file, current);
    if (r.ok) rebased.set(i, r.value);
  });
  if (rebased.size > 0) cs = replaceFiles(cs, rebased);
  const { changeset, details } = await runSliced(flagSteps(deps.rules, cs, input.flags));
  return ok({
    changeset,
    files: resolved,
    flags: details,
    seen: new Map(),
    ...(input.flags ? { flagContext: input.flags } : {}),
    ...(input.runId ? { runId: input.runId } : {}),
    ...(input.steps ? { steps: input.steps } : {}),
  });
}
