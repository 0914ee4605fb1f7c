/**
 * The plan model (issue 5). A plan file is the source of truth; this model is a view of its text
 * that keeps every byte: `serializePlan(parsePlan(text)) === text` for any string.
 *
 * Offsets and line numbers are 0-based and refer to the plan's serialized text.
 */

export const PLAN_STATUSES = ['draft', 'approved', 'building', 'in review', 'done'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const STEP_STATUSES = ['pending', 'in progress', 'done', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The sections Redline understands; any other `## ` section is kept as free text. */
export const SECTION_KINDS = ['goal', 'context', 'steps', 'checks', 'constraints'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export type PlanWarningCode =
  | 'front-matter-unclosed'
  | 'front-matter-line'
  | 'front-matter-duplicate-key'
  | 'front-matter-value'
  | 'unknown-status'
  | 'invalid-created'
  | 'duplicate-section'
  | 'unclosed-block'
  | 'duplicate-step-id'
  | 'unknown-step-mark'
  | 'step-without-checkbox'
  | 'check-without-command'
  | 'constraint-without-path'
  | 'large-plan'
  | 'more-warnings';

export interface PlanWarning {
  readonly code: PlanWarningCode;
  /** For a person: names the line (1-based, as an editor shows it) and what to do. */
  readonly message: string;
  /** 0-based line the warning is about, when there is one. */
  readonly line: number | undefined;
}

/** A `[start, end)` span of the plan's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface FrontMatterEntry {
  readonly key: string;
  /** The value as read: quotes removed, escapes resolved, a trailing ` # comment` dropped. */
  readonly value: string;
  readonly line: number;
  /** The value token as written (quotes included); empty at the end of the line when blank. */
  readonly valueSpan: Span;
}

export interface FrontMatter {
  /** From the opening `---` through the closing `---` line and its line break. */
  readonly raw: string;
  /** Every `key: value` line, unknown keys included, in file order. */
  readonly entries: readonly FrontMatterEntry[];
  /** Offset of the closing `---` line: where a missing key is inserted. */
  readonly closeOffset: number;
}

export interface PlanSection {
  /** The heading text, closing `#`s removed. */
  readonly name: string;
  /** Set for the first section of a known kind; `undefined` for unknown and duplicate sections. */
  readonly kind: SectionKind | undefined;
  /** The heading line and the body, up to the next `## ` heading. */
  readonly raw: string;
  readonly line: number;
  readonly start: number;
  /** Offset just after the heading line (after its line break, if it has one). */
  readonly bodyStart: number;
  readonly end: number;
}

export interface PlanStep {
  /**
   * Stable id: from a `<!-- id: s1 -->` marker on the step's line, else `#<ordinal>`. A marker
   * cannot produce `#…`, so the two never collide; `assignStepIds` writes markers so that ids
   * survive reordering (do it before a build).
   */
  readonly id: string;
  readonly hasMarker: boolean;
  /** 1-based position among the plan's steps. */
  readonly ordinal: number;
  readonly status: StepStatus;
  /** The first line after the checkbox, the id marker removed, trimmed. */
  readonly text: string;
  readonly line: number;
  /** Offset of the one character between the brackets. */
  readonly markOffset: number;
  /** Offset where the step's first line ends (before its line break). */
  readonly lineEnd: number;
  /** Span of the id inside its marker, when there is a marker. */
  readonly idSpan: Span | undefined;
}

export interface ContextItem {
  /** The first code span or link target of the item's first line, when there is one. */
  readonly path: string | undefined;
  readonly text: string;
  readonly line: number;
}

export interface ParsedPlan {
  /** `'\uFEFF'` when the text starts with a byte order mark, else `''`. */
  readonly bom: string;
  readonly frontMatter: FrontMatter | undefined;
  /** Text between the front matter and the first section (a `# ` title, free text). */
  readonly preamble: string;
  readonly sections: readonly PlanSection[];
  /** The line break used for inserted lines: the file's first one, `\n` when it has none. */
  readonly eol: '\n' | '\r\n';

  /** From the front matter `title`, else the first `# ` heading before any section. */
  readonly title: string | undefined;
  /** The text of the first `# ` heading before any section, which `setTitle` keeps in step. */
  readonly titleHeading: Span | undefined;
  /** `draft` when missing or unknown (an unknown value also gives a warning). */
  readonly status: PlanStatus;
  readonly created: string | undefined;
  readonly model: string | undefined;
  /** The Goal section's text without its surrounding blank lines. */
  readonly goal: string;
  readonly context: readonly ContextItem[];
  readonly steps: readonly PlanStep[];
  readonly checks: readonly string[];
  /** Paths and globs only; a constraint written as prose gives a warning instead. */
  readonly constraints: readonly string[];
  readonly warnings: readonly PlanWarning[];
}
