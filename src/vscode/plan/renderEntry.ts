/**
 * The Plan panel's rendering as its own bundle (`dist/render.js`), loaded when a plan is first
 * shown or a run's log first built: the plan as HTML (with `marked`) and the run log.
 */
export { renderPlan } from '../../core/plan/render';
export { RunLog } from '../../core/runs/runLog';
