import { fail, ok, type Result } from '../result';

/** A check as an argv, for `execFile`-style spawning with no shell in between. */
export interface ParsedCommand {
  readonly file: string;
  readonly args: readonly string[];
}

export type CommandRefusal = 'empty' | 'control-character' | 'metacharacter' | 'unterminated-quote' | 'env-assignment';

/**
 * Characters a POSIX shell would act on when unquoted. We have no shell, so each would either
 * be passed literally (surprising the plan's author) or, if the command ever reached a shell,
 * be an injection: refused, with the character named, unless quoted.
 */
const UNQUOTED_SPECIAL: Record<string, string> = {
  ';': 'command separator',
  '|': 'pipe',
  '&': 'background or && operator',
  '<': 'redirection',
  '>': 'redirection',
  '`': 'command substitution',
  $: 'variable or $( ) substitution',
  '(': 'subshell',
  ')': 'subshell',
  '*': 'glob (quote it so the tool expands it)',
  '?': 'glob (quote it so the tool expands it)',
  '[': 'glob (quote it so the tool expands it)',
  '{': 'brace expansion',
  '}': 'brace expansion',
};

/** Inside double quotes a shell still expands these. */
const DOUBLE_QUOTED_SPECIAL: Record<string, string> = { '`': 'command substitution', $: 'variable or $( ) substitution' };

/**
 * Splits a declared check (`npm test -- --grep "login flow"`) into an argv, POSIX-style:
 * whitespace separates words; '…' is literal; "…" allows \" and \\; a backslash outside quotes
 * escapes the next character. Anything a shell would expand or chain is refused, not interpreted.
 */
export function parseCheckCommand(declared: string): Result<ParsedCommand, CommandRefusal> {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const text = declared.trim();
  while (i < text.length) {
    const ch = text.charAt(i);
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== '\t') || code === 0x7f) {
      return fail('control-character', 'The command contains a control character (newline, NUL…); one check is one line.');
    }
    if (ch === ' ' || ch === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
      continue;
    }
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return fail('unterminated-quote', 'The command has an unterminated single quote.');
      word = (word ?? '') + text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      const quoted = readDoubleQuoted(text, i + 1);
      if (!quoted.ok) return quoted;
      word = (word ?? '') + quoted.value.text;
      i = quoted.value.next;
      continue;
    }
    if (ch === '\\') {
      if (i + 1 >= text.length) return fail('unterminated-quote', 'The command ends with a lone backslash.');
      word = (word ?? '') + text.charAt(i + 1);
      i += 2;
      continue;
    }
    const special = UNQUOTED_SPECIAL[ch];
    if (special !== undefined) return fail('metacharacter', refusal(ch, special));
    if (ch === '~' && word === undefined) return fail('metacharacter', refusal('~', 'home directory expansion'));
    if (ch === '#' && word === undefined) return fail('metacharacter', refusal('#', 'comment'));
    word = (word ?? '') + ch;
    i++;
  }
  if (word !== undefined) words.push(word);
  const [file, ...args] = words;
  if (file === undefined || file === '') return fail('empty', 'The check has no command.');
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(file)) {
    return fail('env-assignment', `'${file}' sets an environment variable, which needs a shell; put it in a script the check runs.`);
  }
  return ok({ file, args });
}

function readDoubleQuoted(text: string, start: number): Result<{ text: string; next: number }, CommandRefusal> {
  let out = '';
  for (let i = start; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '"') return ok({ text: out, next: i + 1 });
    const special = DOUBLE_QUOTED_SPECIAL[ch];
    if (special !== undefined) return fail('metacharacter', refusal(ch, `${special}, even inside double quotes`));
    if (ch === '\\' && (text.charAt(i + 1) === '"' || text.charAt(i + 1) === '\\')) {
      out += text.charAt(i + 1);
      i++;
      continue;
    }
    out += ch;
  }
  return fail('unterminated-quote', 'The command has an unterminated double quote.');
}

function refusal(ch: string, what: string): string {
  return `The command contains '${ch}' (${what}). Checks run without a shell; quote it with '…' if it is meant literally.`;
}

/**
 * True when `requested` is one of the plan's checks: same argv after parsing (so spacing may
 * differ, nothing else may). The runner then executes the *declared* command's argv.
 */
export function isDeclaredCheck(planChecks: readonly string[], requested: string): boolean {
  const wanted = parseCheckCommand(requested);
  if (!wanted.ok) return false;
  return planChecks.some((declared) => {
    const parsed = parseCheckCommand(declared);
    return parsed.ok && sameArgv(parsed.value, wanted.value);
  });
}

function sameArgv(a: ParsedCommand, b: ParsedCommand): boolean {
  return a.file === b.file && a.args.length === b.args.length && a.args.every((arg, i) => arg === b.args[i]);
}
