import type { ChecksPort, ModelPort } from '../../../../src/core/agent/ports';
import type { RunEnvironment } from '../../../../src/core/agent/prompt';
import { applyChanges } from '../../../../src/core/plan/editPlan';
import { parsePlan } from '../../../../src/core/plan/parsePlan';
import { policyRules } from '../../../../src/core/policy/policyRules';
import type { PathIntent } from '../../../../src/core/policy/workspacePath';
import { ok } from '../../../../src/core/result';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import type { PlanWriter, RunFiles, RunStorePort } from '../../../../src/core/runs/ports';
import type { StoredRun } from '../../../../src/core/runs/runRecord';
import { Runs } from '../../../../src/core/runs/runs';
import type { AgentSettings } from '../../../../src/core/runs/settings';
import { FakeChecks, FakeGuard, MemoryFiles, systemClock } from '../agent/fakes';
import { FakeWorkspace } from '../review/fakeWorkspace';

export const KEY = 'sk-ant-unit-0123456789-stays-home';
export const PLAN = '.redline/plans/cap.md';
export const PLAN_TEXT = '# Cap\n\n## Goal\nCap it.\n\n## Steps\n- [ ] Cap the slug\n';

export const settings: AgentSettings = {
  model: 'claude-test',
  planModel: 'claude-test',
  baseUrl: '',
  maxTurns: 5,
  budget: {},
  prices: {},
  followUps: [],
  checkTimeoutMs: 1000,
  checkOutputCap: 1000,
};

/** `Runs` over fakes: files in memory, a plan writer on them, a store that keeps what it is given. */
export class RunsFixture<M extends ModelPort = ModelPort> {
  readonly memory: MemoryFiles;
  readonly guard = new FakeGuard();
  readonly stored: StoredRun[] = [];
  readonly session: ReviewSession;
  readonly warnings: string[] = [];
  readonly modelNotices: { message: string; switchTo?: string; severity: string; mode: string }[] = [];
  settings: AgentSettings = { ...settings };
  trusted = true;
  checks: ChecksPort = new FakeChecks();
  environment: RunEnvironment | undefined;
  readonly runs: Runs;

  constructor(
    readonly model: M,
    files: Record<string, string> = {},
  ) {
    this.memory = new MemoryFiles(new Map([[PLAN, PLAN_TEXT], ...Object.entries(files)]));
    const { memory, guard } = this;
    const runFiles: RunFiles = {
      resolve: (raw: string, intent: PathIntent) => guard.resolve(raw, intent),
      absolute: async (path: string) => ok(`/ws/${path}`),
      readSaved: (path: string) => memory.readText(path),
      readText: (path) => memory.readText(path),
      listDir: (path) => memory.listDir(path),
      findFiles: (query) => memory.findFiles(query),
      searchText: (query) => memory.searchText(query),
    };
    const planWriter: PlanWriter = {
      edit: async (absolute, edit) => {
        const path = absolute.replace(/^\/ws\//, '');
        const text = memory.files.get(path) ?? '';
        const edited = edit(parsePlan(text));
        if (!edited.ok) return edited;
        memory.files.set(path, applyChanges(text, edited.value.changes));
        return ok(edited.value.changes.length > 0);
      },
    };
    const store: RunStorePort = {
      save: async (redact, run) =>
        void this.stored.push(JSON.parse(JSON.stringify(run), (_k, v: unknown) => (typeof v === 'string' ? redact(v) : v)) as StoredRun),
      loadAll: async () => [],
    };
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    this.session = new ReviewSession(new FakeWorkspace(), { isTrusted: () => this.trusted }, policyRules);
    this.runs = new Runs({
      session: this.session,
      keys: { get: async () => KEY },
      trust: { isTrusted: () => this.trusted },
      store,
      log: silent,
      notices: {
        warn: (m) => void this.warnings.push(m),
        authError: () => undefined,
        model: (notice, severity, mode) => void this.modelNotices.push({ ...notice, severity, mode }),
      },
      settings: () => this.settings,
      files: runFiles,
      planWriter,
      ports: {
        checks: () => this.checks,
        agent: (_key, checks) => ({ model, files: runFiles, search: memory.search, guard, checks, clock: systemClock }),
        environment: async () => this.environment ?? { os: 'TestOS', date: '2026-12-07', folders: ['/ws'] },
      },
    });
  }

  async ended(id: string): Promise<string> {
    for (let i = 0; i < 1000 && this.runs.get(id)?.state === 'running'; i++) await new Promise((r) => setTimeout(r, 2));
    return this.runs.get(id)?.state ?? 'unknown';
  }
}
