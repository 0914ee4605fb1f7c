import type { PlanWarning, PlanWarningCode } from './types';

export type Warn = (code: PlanWarningCode, line: number | undefined, message: string) => void;

/**
 * A 5 MB plan of prose under Constraints would otherwise give one warning per line; the panel
 * shows a handful, so the rest are counted in a last warning instead of being sent to the webview.
 */
export const MAX_WARNINGS = 50;

export interface WarningCollector {
  readonly warn: Warn;
  readonly warnings: () => readonly PlanWarning[];
  /** Forgets every warning since `mark()`: they were about text that turned out to mean something else. */
  readonly rollback: (to: WarningMark) => void;
  readonly mark: () => WarningMark;
}

export interface WarningMark {
  readonly kept: number;
  readonly dropped: number;
}

export function warningCollector(): WarningCollector {
  const kept: PlanWarning[] = [];
  let dropped = 0;
  const warn: Warn = (code, line, message) => {
    if (kept.length < MAX_WARNINGS) kept.push({ code, line, message });
    else dropped++;
  };
  const byLine = (a: PlanWarning, b: PlanWarning) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
  const warnings = (): readonly PlanWarning[] => {
    const sorted = [...kept].sort(byLine);
    return dropped === 0 ? sorted : [...sorted, { code: 'more-warnings', line: undefined, message: `${dropped} more warnings not shown` }];
  };
  const mark = (): WarningMark => ({ kept: kept.length, dropped });
  const rollback = (to: WarningMark) => {
    kept.length = to.kept;
    dropped = to.dropped;
  };
  return { warn, warnings, mark, rollback };
}
