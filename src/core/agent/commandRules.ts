/**
 * The user's allow rules for the agent's own commands (`redline.commands.allow`), and how a
 * command line matches one. Pure: the adapter reads the setting, the command tool decides.
 *
 * The matching rule, as the README states it:
 * - Runs of spaces and tabs count as one space; leading and trailing ones are ignored.
 * - A rule without `*` matches exactly that command: `tsc --noEmit` matches `tsc --noEmit` only.
 * - `*` matches any characters except the shell's operators (see `SHELL_OPERATOR_CHARS`), so a
 *   wildcard never lets a second command, a redirection or a substitution in: `npm test *` matches
 *   `npm test -- --grep login` but not `npm test && curl x`, `npm test > out` or `npm test $(x)`.
 * - A rule ending in ` *` also matches the command without arguments (`npm test *` matches
 *   `npm test`), and the space keeps a word boundary (`npm test *` does not match `npm testx`).
 * - A command with shell operators therefore matches only a rule that spells those operators out
 *   itself (`npm test 2>&1`); anything else is asked.
 */

/** Characters that chain, redirect or substitute in a POSIX shell (and newlines, which chain too). */
export const SHELL_OPERATOR_CHARS: readonly string[] = [';', '&', '|', '<', '>', '`', '$', '(', ')', '\\', '\n', '\r'];

/** Longest rule honoured; a longer entry is ignored rather than compiled. */
const MAX_RULE_LENGTH = 1000;

/** Trimmed, with each run of spaces and tabs as one space; newlines are kept (they are operators). */
function normalizeCommand(command: string): string {
  return command.replace(/[ \t]+/g, ' ').trim();
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WILDCARD = `[^${SHELL_OPERATOR_CHARS.map((c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : escapeRegExp(c))).join('')}]*`;

function compile(rule: string): RegExp {
  const trailing = rule.endsWith(' *') && rule.indexOf('*') === rule.length - 1;
  const body = trailing ? rule.slice(0, -2) : rule;
  const pattern = body.split('*').map(escapeRegExp).join(WILDCARD);
  return new RegExp(`^${pattern}${trailing ? `(?: ${WILDCARD})?` : ''}$`, 'u');
}

/** Whether `command` matches `rule` under the rules above. */
export function matchesRule(rule: string, command: string): boolean {
  const normalizedRule = normalizeCommand(rule);
  if (normalizedRule === '' || normalizedRule.length > MAX_RULE_LENGTH) return false;
  return compile(normalizedRule).test(normalizeCommand(command));
}

/** The first rule that allows `command`, or undefined: then the user is asked. */
export function allowingRule(rules: readonly string[], command: string): string | undefined {
  return rules.find((rule) => matchesRule(rule, command));
}

/** The setting's value as rules: non-empty strings only, so a malformed entry allows nothing. */
export function parseAllowRules(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is string => typeof r === 'string' && normalizeCommand(r) !== '' && r.length <= MAX_RULE_LENGTH);
}
