/**
 * Issue 7, item 4: the Plan panel's run log appending 10,000 streamed lines, in headless Chromium
 * with the production (minified) plan bundle under the webview CSP. The host's side is the real
 * `RunLog` fed a scripted run (streamed text in small deltas, tool calls, clipped results); it is
 * flushed every ~25 new lines, as the host's 80 ms throttle would while text pours in. Each flush
 * is one `log` message; per message the time is the message handler plus that frame's style,
 * layout and paint (rAF to painted), as the review bench times a key press.
 *   node --import tsx bench/planLog.ts   → one JSON line
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentEvent } from '../src/core/agent/events';
import type { ToPlanWebview } from '../src/shared/planProtocol';
import { RunLog } from '../src/core/runs/runLog';
import { launchChromium, repoRoot } from '../test/fixtures/review/server.mjs';

const LINES = 10_000;
const LINES_PER_FLUSH = 25;

/** The `log` messages the host would send for a scripted run of `LINES` log lines. */
export function scriptedLogMessages(lines = LINES): ToPlanWebview[] {
  const log = new RunLog();
  const messages: ToPlanWebview[] = [];
  let produced = 0;
  let sinceFlush = 0;
  const emit = (event: AgentEvent, newLines: number): void => {
    log.apply(event);
    produced += newLines;
    sinceFlush += newLines;
    if (sinceFlush >= LINES_PER_FLUSH) flush();
  };
  const flush = (): void => {
    sinceFlush = 0;
    const f = log.flush();
    if (f) messages.push({ type: 'log', runId: 'run-1', from: f.from, entries: f.entries });
  };
  for (let turn = 1; produced < lines; turn++) {
    emit({ type: 'turn_start', turn }, 0);
    for (let l = 0; l < 12 && produced < lines; l++) {
      const sentence = `Turn ${turn}, line ${l}: reading the module and checking how compute() is called before changing it.`;
      // Streamed in deltas of a few words; the newline arrives with the last one.
      const words = sentence.split(' ');
      for (let w = 0; w < words.length; w += 4)
        emit({ type: 'text', text: `${words.slice(w, w + 4).join(' ')}${w + 4 >= words.length ? '\n' : ' '}` }, w + 4 >= words.length ? 1 : 0);
    }
    emit({ type: 'tool_call', id: `t${turn}`, name: 'read_file', input: { path: `src/module${turn % 40}.ts`, start_line: 1, end_line: 40 } }, 1);
    const content = Array.from({ length: 40 }, (_, k) => `export const value${k} = compute(${k}, 'module ${turn}');`).join('\n');
    emit({ type: 'tool_result', id: `t${turn}`, name: 'read_file', isError: false, content }, 13);
  }
  flush();
  return messages;
}

async function buildBundle(): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-plan-bench-'));
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: { plan: 'webview-ui/plan/main.ts' },
    bundle: true,
    outdir: out,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const codicons = path.join(repoRoot, 'node_modules', '@vscode', 'codicons', 'dist');
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join(out, f));
  return out;
}

function serve(bundleDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const files: Record<string, string> = {
    '/harness.html': path.join(repoRoot, 'bench', 'planHarness.html'),
    '/fixtures/fakeVscode.js': path.join(repoRoot, 'test', 'fixtures', 'review', 'fakeVscode.js'),
    '/fixtures/themes.css': path.join(repoRoot, 'test', 'fixtures', 'review', 'themes.css'),
  };
  for (const f of fs.readdirSync(bundleDir)) files[`/bundle/${f}`] = path.join(bundleDir, f);
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };
  const server = http.createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/harness.html`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

const STATE: ToPlanWebview = {
  type: 'state',
  state: {
    workspaceOpen: true,
    trusted: true,
    agentAvailable: true,
    plans: [{ id: 'p1', title: 'Rename compute', status: 'building', fileName: 'rename.md', stepsDone: 0, stepsTotal: 2 }].map((p) => ({ ...p, warnings: 0 })),
    filter: 'all',
    openId: 'p1',
    comments: [],
    run: { id: 'run-1', mode: 'build', state: 'running', usage: { input: 1000, output: 200, cacheRead: 9000, cacheWrite: 1000, costUsd: 0.01 }, steps: {} },
  },
};

const DOC: ToPlanWebview = {
  type: 'doc',
  doc: {
    id: 'p1',
    fileName: 'rename.md',
    title: 'Rename compute',
    status: 'building',
    version: 1,
    text: '# Rename compute\n\n## Steps\n- [ ] Rename\n- [ ] Test\n',
    dirty: false,
    warnings: [],
    html: '<h1 data-line="0">Rename compute</h1><h2 data-line="2">Steps</h2><ul><li data-line="3">Rename</li><li data-line="4">Test</li></ul>',
    steps: [],
  },
};

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};

export async function benchPlanLog(lines = LINES) {
  const messages = scriptedLogMessages(lines);
  const dir = await buildBundle();
  const jsBytes = fs.statSync(path.join(dir, 'plan.js')).size;
  const server = await serve(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.goto(server.url);
    // Functions go to the page as source text: tsx's transform would add helpers the page lacks.
    await page.evaluate(`for (const m of ${JSON.stringify([STATE, DOC])}) window.dispatchEvent(new MessageEvent('message', { data: m }))`);
    await page.waitForSelector('.log');
    await page.evaluate(`window.__messages = ${JSON.stringify(messages)}`);
    // REDLINE_BENCH_TRACE=file.json: a Chromium trace of the streaming, to see where a frame goes.
    const trace = process.env.REDLINE_BENCH_TRACE;
    if (trace)
      await browser.startTracing(page, { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'] });
    const frames = (await page.evaluate(`(async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => {
        const raf = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve({ raf, painted: performance.now() });
        ch.port2.postMessage(0);
      }));
      const out = [];
      for (const data of window.__messages) {
        await frame();
        const t0 = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data }));
        const t1 = performance.now();
        const f = await frame();
        out.push({ work: t1 - t0 + (f.painted - f.raf), handler: t1 - t0 });
      }
      return out;
    })()`)) as { work: number; handler: number }[];
    if (trace) await browser.stopTracing();
    const rows = (await page.evaluate(`document.querySelectorAll('.log-row').length`)) as number;
    const work = frames.map((f) => f.work);
    return {
      lines,
      messages: messages.length,
      frameMs: { median: quantile(work, 0.5), p95: quantile(work, 0.95), max: Math.max(...work) },
      handlerMs: {
        median: quantile(
          frames.map((f) => f.handler),
          0.5,
        ),
        p95: quantile(
          frames.map((f) => f.handler),
          0.95,
        ),
      },
      domRows: rows,
      bundle: { planJsKb: jsBytes / 1024 },
    };
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('planLog.ts')) void benchPlanLog().then((r) => console.log(JSON.stringify(r)));
