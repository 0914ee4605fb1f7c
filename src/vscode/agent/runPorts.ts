import type { ChecksPort, ModelPort } from '../../core/agent/ports';
import type { AgentDeps } from '../../core/agent/run';
import { createRedactor } from '../../core/policy/secrets';
import { timedSearch } from '../../node/search/timedSearch';
import { createChecksPort, modalConfirm } from '../checks/workspaceChecks';
import type { AgentSettings } from './agentSettings';
import type { AgentRunsDeps } from './agentRuns';
import { createModel, redactingModel } from './modelPort';
import type { LoadedPlan } from './planFile';
import { WorkspaceFiles } from './workspaceFiles';

export type ModelDeps = Pick<AgentDeps, 'model' | 'files' | 'search' | 'guard' | 'checks' | 'clock'>;

/** The core's ports as VS Code implements them, built per run (checks, model) or once (files). */
export class RunPorts {
  readonly search = timedSearch();
  readonly files: WorkspaceFiles;

  constructor(private readonly deps: AgentRunsDeps, private readonly settings: () => AgentSettings) {
    this.files = new WorkspaceFiles(deps.paths, this.search);
  }

  /** The plan's declared checks, with approval, in an isolated copy. */
  checks(plan: LoadedPlan): ChecksPort {
    const { approvals, confirm, log, keys, sandbox } = this.deps;
    const limits = (): { timeoutMs: number; outputCap: number } => ({ timeoutMs: this.settings().checkTimeoutMs, outputCap: this.settings().checkOutputCap });
    return createChecksPort({ files: this.files, approvals, confirm: confirm ?? modalConfirm, log, apiKey: () => keys.get(), limits, ...(sandbox === undefined ? {} : { sandbox }) }, plan);
  }

  /** The model (the key redacted from whatever it says), the workspace and `checks`. */
  agent(key: string, settings: AgentSettings, checks: ChecksPort): ModelDeps {
    const redact = createRedactor({ knownSecrets: [key] }).redact;
    const inner: ModelPort = createModel(this.deps.extensionPath, async () => ({ apiKey: (await this.deps.keys.get()) || key, baseURL: settings.baseUrl }));
    return { model: redactingModel(inner, redact), files: this.files, search: this.search, guard: this.files, checks, clock: { now: () => Date.now() } };
  }
}
