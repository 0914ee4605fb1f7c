/** The agent wiring as its own bundle (`dist/agent.js`), loaded by `LazyAgentRuns` on first use. */
export { createAgentRuns } from './createAgentRuns';
