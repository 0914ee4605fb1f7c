import { renderPlan } from '../../core/plan/render';
import { RunLog } from '../../core/runs/runLog';

/**
 * The Plan panel's rendering as its own bundle (`dist/render.js`, see src/vscode/bundles.json),
 * loaded when a plan is first shown or a run's log first built: the plan as HTML (with `marked`,
 * a fifth of the activation bundle when it was in it) and the run log.
 */
export { renderPlan, RunLog };

/** What the bundle gives the panel; the panel's parts take a loader of it. */
export interface RenderBundle {
  readonly renderPlan: typeof renderPlan;
  readonly RunLog: typeof RunLog;
}
