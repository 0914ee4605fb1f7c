import type { ProposalSink, ProposedFile } from '../agent/ports';
import type { ReviewSession } from '../review/reviewSession';
import type { Result } from '../result';
import type { RunFiles } from './ports';
import type { ReviewStep } from '../../shared/reviewProtocol';

export interface SinkTarget {
  runId: string;
  title: string;
  constraints: readonly string[];
  /** The plan's Context: a change to any other file is flagged (the outside-context tripwire). */
  context: readonly string[];
  /** The plan's steps in plan order: the review names a hunk's step by its title. */
  steps: readonly ReviewStep[];
  /** The changeset exists: the run's snapshot names it from now on. */
  onChangeset(id: string): void;
  onError(message: string): void;
}

/**
 * A build run's proposals, turn by turn, as one changeset: created on the first turn that proposes
 * anything, updated on every later one. Never writes a file: the review session only holds them.
 */
export class ChangesetSink implements ProposalSink {
  private changesetId: string | undefined;
  /** Serialized: a turn's proposals land after the previous turn's. */
  private queue: Promise<void> = Promise.resolve();

  /** `existing`: the changeset of a continued run, which later turns keep updating. */
  constructor(
    private readonly session: ReviewSession,
    private readonly files: Pick<RunFiles, 'readSaved'>,
    private readonly target: SinkTarget,
    existing?: string,
  ) {
    this.changesetId = existing;
  }

  get id(): string | undefined {
    return this.changesetId;
  }

  apply(files: ProposedFile[]): Promise<void> {
    this.queue = this.queue.then(() => this.flush(files));
    return this.queue;
  }

  private async flush(changed: ProposedFile[]): Promise<void> {
    // Created and deleted again in one run: nothing to review, nothing on disk to restore.
    const files = changed.filter((f) => f.baseText !== null || f.proposedText !== null);
    if (files.length === 0) return;
    const input = files.map((f) => ({ path: f.path, newText: f.proposedText, stepRanges: f.stepRanges }));
    const bases = new Map(files.map((f) => [f.path, f.baseText] as const));
    if (this.changesetId === undefined) {
      const created = await this.session.propose({
        source: 'agent',
        runId: this.target.runId,
        title: this.target.title,
        steps: this.target.steps,
        files: input,
        flags: { constraints: this.target.constraints, tripwires: { planContextPaths: this.target.context } },
      });
      if (!created.ok) return this.target.onError(`the proposals could not be put up for review: ${created.message}`);
      this.changesetId = created.value;
      this.target.onChangeset(created.value);
      // `propose` diffs against the saved file; where the agent read unsaved text, its base is that
      // text, and only its own changes may become hunks.
      const unsaved: ProposedFile[] = [];
      for (const f of files) {
        const saved = await this.files.readSaved(f.path);
        if (saved.ok && saved.value !== f.baseText) unsaved.push(f);
      }
      if (unsaved.length > 0)
        this.report(
          await this.session.updateProposals(
            created.value,
            unsaved.map((f) => ({ path: f.path, newText: f.proposedText, stepRanges: f.stepRanges })),
            bases,
          ),
        );
      return;
    }
    this.report(await this.session.updateProposals(this.changesetId, input, bases));
  }

  private report(result: Result<void>): void {
    if (!result.ok) this.target.onError(`the proposals could not be updated in the review: ${result.message}`);
  }
}
