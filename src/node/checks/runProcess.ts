import { spawn } from 'node:child_process';

export interface ProcessOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Most characters of combined stdout and stderr kept; the middle is cut, head and tail stay. */
  outputCap: number;
  signal?: AbortSignal;
}

export interface ProcessOutcome {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  cancelled: boolean;
  /** Set when the process could not be started at all (ENOENT…). */
  startError?: string;
}

/** How long a process gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 1000;

/**
 * Runs an argv with no shell (execFile-style), in its own process group so a timeout or a cancel
 * ends everything it started, not just the first process. Never rejects. A process that leaves the
 * group (`setsid`, a daemon's double fork) is out of its reach: the sandboxes end those with their
 * PID namespace (bwrap, and unshare with --kill-child); with no sandbox they can outlive the check.
 */
export function runProcess(argv: readonly string[], options: ProcessOptions): Promise<ProcessOutcome> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.resolve({ exitCode: null, output: '', timedOut: false, cancelled: false, startError: 'empty command' });
  return new Promise((resolve) => {
    const output = new CappedText(options.outputCap);
    let timedOut = false;
    let cancelled = false;
    let startError: string | undefined;
    let exitCode: number | null = null;
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const killGroup = (sig: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // The group is already gone.
      }
    };
    const stop = (): void => {
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      // A cancel must end the run within a second: no grace period.
      killGroup('SIGKILL');
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => output.add(chunk));
    child.stderr.on('data', (chunk: string) => output.add(chunk));
    child.on('error', (error) => {
      startError = error.message;
    });
    child.on('exit', (code) => {
      exitCode = code;
      // Anything the check left running in the background would hold the pipes open.
      killGroup('SIGKILL');
    });
    child.on('close', () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        exitCode: startError === undefined ? exitCode : null,
        output: output.text(),
        timedOut,
        cancelled,
        ...(startError === undefined ? {} : { startError }),
      });
    });
  });
}

/** Keeps the first quarter and the last three quarters of `cap` characters: failures print last. */
export class CappedText {
  private head = '';
  private tail: string[] = [];
  private tailLength = 0;
  private dropped = 0;
  private readonly headCap: number;
  private readonly tailCap: number;

  constructor(cap: number) {
    this.headCap = Math.floor(cap / 4);
    this.tailCap = cap - this.headCap;
  }

  add(chunk: string): void {
    let rest = chunk;
    if (this.head.length < this.headCap) {
      const room = this.headCap - this.head.length;
      this.head += rest.slice(0, room);
      rest = rest.slice(room);
    }
    if (rest === '') return;
    this.tail.push(rest);
    this.tailLength += rest.length;
    while (this.tailLength > this.tailCap) {
      const first = this.tail[0] ?? '';
      const excess = this.tailLength - this.tailCap;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailLength -= first.length;
        this.dropped += first.length;
      } else {
        this.tail[0] = first.slice(excess);
        this.tailLength -= excess;
        this.dropped += excess;
      }
    }
  }

  text(): string {
    const tail = this.tail.join('');
    return this.dropped === 0 ? this.head + tail : `${this.head}\n[… ${this.dropped} characters cut …]\n${tail}`;
  }
}
