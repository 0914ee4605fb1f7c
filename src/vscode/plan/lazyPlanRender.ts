import { lazyBundle } from '../../node/lazyBundle';
import type { ParsedPlan } from '../../core/plan/types';
import type { RenderedPlan } from '../../core/plan/render';
import type { RunLog } from '../../core/runs/runLog';

// `marked` alone was a fifth of the activation bundle.
const loadRender = lazyBundle<typeof import('./renderEntry')>('render.js');

/** `renderPlan` from the render bundle. */
export function renderPlan(plan: ParsedPlan): RenderedPlan {
  return loadRender().renderPlan(plan);
}

/** A new run log from the render bundle. */
export function createRunLog(): RunLog {
  return new (loadRender().RunLog)();
}
