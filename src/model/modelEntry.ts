/**
 * The model client as its own bundle (`dist/model.js`): `@anthropic-ai/sdk` is loaded when the
 * first run starts, never at activation (the activation bundle stays small and fast).
 */
export { createAnthropicModel } from '../model/anthropicModel';
