import { createRequire } from 'node:module';
import * as path from 'node:path';

type ModelModule = typeof import('./modelEntry');

let loaded: ModelModule | undefined;

/**
 * The model client (`dist/model.js`, with @anthropic-ai/sdk), loaded when the first run starts.
 * Found from the extension's folder rather than beside the caller: tests bundle the agent wiring
 * elsewhere, and the model bundle is still the extension's.
 */
export function loadModel(extensionPath: string): ModelModule {
  loaded ??= createRequire(__filename)(path.join(extensionPath, 'dist', 'model.js')) as ModelModule;
  return loaded;
}
