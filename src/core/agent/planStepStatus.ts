import type { StepStatus } from '../plan/types';
import type { ReportedStepStatus } from './toolRegistry';

/**
 * The agent reports todo / in_progress / done / blocked; the plan's checkboxes say pending /
 * in progress / done / skipped. "blocked" has no checkbox of its own: the log says it, and the
 * file keeps the step open.
 */
export function planStepStatus(status: ReportedStepStatus): StepStatus | undefined {
  switch (status) {
    case 'todo':
      return 'pending';
    case 'in_progress':
      return 'in progress';
    case 'done':
      return 'done';
    case 'blocked':
      return undefined;
  }
}
