import type * as Tripwires from '../core/policy/tripwires';
import { lazyBundle } from './lazyBundle';

const load = lazyBundle<typeof Tripwires>('tripwires.js');

/**
 * Stands in for `core/policy/tripwires` in the extension host's bundles (scripts/build.mjs maps
 * the import here): the rules load with the first proposal, not at activation.
 */
export const evaluateTripwires: typeof Tripwires.evaluateTripwires = (...args) => load().evaluateTripwires(...args);
