/**
 * Messages between the extension host and the Plan webview. Both sides import this file with
 * `import type` where they can; the host validates every inbound message with `isFromPlanWebview`.
 */
import { hasShape, isBoundedString } from './messageGuard';

export interface PlanListItem {
  /** Opaque id the host holds; the webview never names a path. */
  readonly id: string;
  readonly title: string;
  readonly status: string;
}

export interface PlanViewState {
  readonly workspaceOpen: boolean;
  readonly plans: readonly PlanListItem[];
  readonly trusted: boolean;
}

export type ToPlanWebview = { readonly type: 'state'; readonly state: PlanViewState };

export type FromPlanWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'newPlan' }
  | { readonly type: 'openPlan'; readonly id: string };

const MAX_ID = 200;

export function isFromPlanWebview(value: unknown): value is FromPlanWebview {
  return (
    hasShape(value, 'ready', {}) ||
    hasShape(value, 'newPlan', {}) ||
    hasShape(value, 'openPlan', { id: (v) => isBoundedString(v, MAX_ID) && v.length > 0 })
  );
}
