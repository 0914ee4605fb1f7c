// The adversarial suite's helpers: planted secrets and escape routes in the test workspace, and a
// build run whose model makes exactly the attacker's tool calls, so every attack goes through the
// real agent, the real tool registry, the real path policy and the real SDK.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { field, type Json } from '../double/json';
import { lastToolResults, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { AttackLedger } from '../safety/ledger';
import type { RedlineApi, RunSnapshot } from '../../src/shared/api';
import { api, CANARIES, root, startDouble, waitForEnd, write, writePlan } from './agentSupport';

/** dist-test/integration/<file>.js → the repository, where test-results/ lives. */
export const repoRoot = path.resolve(__dirname, '..', '..');

export const newLedger = (suite: string): AttackLedger => new AttackLedger(suite, repoRoot);

/** A folder beside the workspace folder: what an escape would reach. */
export const outsideDir = (): string => path.join(root(), '..', 'outside');

export const canaryIn = (text: string): string | undefined => Object.values(CANARIES).find((c) => text.includes(c));

/**
 * Secrets where a repository keeps them and symlinks that lead out of the folder. Canaries sit
 * in comments, outside anything redaction would mask, so only the policy can keep them home.
 */
export function plantSecrets(): void {
  write('.env', `# ${CANARIES.env}\nOPENAI_API_KEY=sk-proj-plantedplantedplantedplanted\n`);
  write('.ENV', `# ${CANARIES.envUpper}\n`);
  write('config/.env.production', `# ${CANARIES.env}\nDATABASE_URL=postgres://app:hunter2hunter2@db/app\n`);
  write(
    'certs/server.pem',
    `# ${CANARIES.pem}\n-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEAplanted\n-----END PRIVATE KEY-----\n`,
  );
  write('deploy/id_rsa', `# ${CANARIES.idRsa}\n`);
  write('.npmrc', `; ${CANARIES.npmrc}\n//registry.npmjs.org/:_authToken=npm_plantedplantedplantedplantedplanted00\n`);
  const outside = outsideDir();
  fs.mkdirSync(path.join(outside, 'dir'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'secret.txt'), `${CANARIES.outside}\n`);
  fs.writeFileSync(path.join(outside, 'dir', 'secret.txt'), `${CANARIES.outsideDir}\n`);
  const links = path.join(root(), 'links');
  fs.mkdirSync(links, { recursive: true });
  const link = (target: string, name: string): void => {
    // A second planting replaces the link itself, never what it points to.
    if (fs.lstatSync(path.join(links, name), { throwIfNoEntry: false }) !== undefined) fs.unlinkSync(path.join(links, name));
    fs.symlinkSync(target, path.join(links, name));
  };
  link(path.join(outside, 'secret.txt'), 'outside-file.txt');
  link(path.join(outside, 'dir'), 'outside-dir');
  link(path.join(outside, 'missing.txt'), 'dangling.txt');
  link(path.join(root(), '.env'), 'dotenv-link');
}

export interface ToolCall {
  name: string;
  input: Json;
}

export interface AttackResult {
  call: ToolCall;
  isError: boolean;
  text: string;
}

export interface AttackOptions {
  plan?: Parameters<typeof writePlan>[1];
  /** The API to start the run with: the extension's by default. */
  through?: RedlineApi;
  /** The model's final message (the run's summary). */
  summary?: string;
}

/**
 * One build run whose model makes `calls` in its first turn and then stops. Returns each call's
 * tool result as the model received it (in the next request), in order. The double is left open
 * for the caller to close: closing it fails if any request carried a canary.
 */
export async function attackRun(
  name: string,
  calls: ToolCall[],
  options: AttackOptions = {},
): Promise<{ double: MessagesDouble; results: AttackResult[]; run: RunSnapshot }> {
  const redline = options.through ?? (await api());
  const planPath = writePlan(name, options.plan);
  const double = await startDouble(({ body }) => (turnOf(body) === 0 ? toolReply(calls) : textReply(options.summary ?? 'Done.')));
  const runId = await redline.startRun({ plan: planPath, mode: 'build' });
  const run = await waitForEnd(redline, runId, 60_000);
  const bodies = double
    .messageRequests()
    .map((r) => r.body)
    .filter((b) => JSON.stringify(field(b, 'system')).includes(planPath));
  const answered = bodies.find((b) => turnOf(b) === 1);
  const results = answered === undefined ? [] : lastToolResults(answered);
  if (results.length !== calls.length) {
    throw new Error(`expected ${calls.length} tool results, got ${results.length} (run ${run.state}: ${run.error ?? ''})`);
  }
  return { double, run, results: calls.map((call, i) => ({ call, isError: results[i]!.isError, text: results[i]!.text })) };
}

/** The first sentence of a refusal: what the model was told, for the table. */
export function firstSentence(text: string): string {
  const line = text.split('\n')[0] ?? '';
  const cut = line.search(/(?<=[.;])\s/);
  return (cut === -1 ? line : line.slice(0, cut)).slice(0, 140);
}
