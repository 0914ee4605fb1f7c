/**
 * Secret-looking strings, as data. Each rule's regex must be global (`g`) and use the `d` flag;
 * when it has a `secret` group only that group is redacted (the name in `password=` stays, so
 * the model still understands the line).
 *
 * Tradeoffs (false positives versus misses), chosen on purpose:
 * - Provider formats with a fixed prefix (sk-ant-, ghp_, AKIA, AIza, xox?-) are matched anywhere:
 *   they are long and distinctive, and ordinary code does not contain them.
 * - Git SHAs and UUIDs are hex: no rule matches bare hex, and the entropy rule needs more than
 *   4 bits per character, which hex (at most 4) never reaches.
 * - Base64 in test code is left alone unless it sits in an env-style `NAME=value` line or after a
 *   secret-sounding name; a `const fixture = "…"` literal is not a credential assignment.
 * - The entropy rule skips absolute and relative paths (JAVA_HOME=/usr/lib/jvm/java-17-…), so
 *   a base64 secret that happens to start with `/` and hold two more slashes is missed.
 * - Assignments need a secret-sounding name AND a literal value (quoted, or an unquoted token with
 *   letters and digits), so `token = getToken()` and `password: config.password` pass through.
 */
export interface SecretRule {
  readonly kind: SecretKind;
  readonly pattern: RegExp;
  /** Extra check on the matched secret text; false drops the match. */
  readonly accept?: (secret: string) => boolean;
}

export type SecretKind =
  | 'known-secret'
  | 'private-key'
  | 'anthropic-key'
  | 'openai-key'
  | 'github-token'
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'slack-token'
  | 'slack-webhook'
  | 'google-api-key'
  | 'stripe-key'
  | 'npm-token'
  | 'jwt'
  | 'url-credentials'
  | 'authorization'
  | 'kubeconfig'
  | 'xml-credential'
  | 'assignment'
  | 'high-entropy';

// Only the keyword and what follows matter (the value is what gets redacted), so the name is
// matched from the keyword on. A leading name part would need either an unbounded star, which
// backtracks cubically on a long base64 line, or a bounded one, which makes redaction
// non-idempotent (a marker ending a long run of name characters starts a new name).
const SECRET_NAME = String.raw`(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret|credentials?)[A-Za-z0-9_.-]{0,40}`;

export const SECRET_RULES: readonly SecretRule[] = [
  {
    kind: 'private-key',
    // An unterminated block (truncated tool output) is redacted to the end of the text.
    pattern: /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*$)/dg,
  },
  { kind: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/dg },
  {
    kind: 'openai-key',
    pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/dg,
    // `sk-` also starts ordinary kebab-case names (sk-button-primary-large-variant).
    accept: (s) => /\d/.test(s) && /[A-Za-z]/.test(s.slice(3)) && !/^sk-(?:[a-z]+-)+[a-z]+$/.test(s),
  },
  { kind: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/dg },
  { kind: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/dg },
  {
    kind: 'aws-secret-key',
    pattern: /aws.{0,20}?secret.{0,20}?[:=]\s*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dgi,
  },
  { kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/dg },
  { kind: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/dg },
  { kind: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg },
  { kind: 'stripe-key', pattern: /\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}/dg },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/dg },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/dg },
  {
    kind: 'url-credentials',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'`]{1,256}:(?<secret>[^\s@/"'`]{3,256})@/dgi,
    accept: (s) => !isPlaceholder(s),
  },
  {
    kind: 'authorization',
    // An HTTP credential wherever a request is printed: `Authorization: Bearer …`, `-H "Authorization: token …"`,
    // `Proxy-Authorization: Basic …`; a bare `Bearer <token>` too (curl -v, logs).
    pattern: /\b(?:(?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token|Digest|Bot|Negotiate)?|Bearer)[ \t]+(?<secret>[A-Za-z0-9._~+/-]{8,}=*)/dgi,
    accept: (s) => /\d/.test(s) && /[A-Za-z]/.test(s) && !isPlaceholder(s),
  },
  {
    kind: 'kubeconfig',
    // kubeconfig's base64 client key and certificate, and its token fields (the names hold no secret word).
    pattern: /\b(?:client-key-data|client-certificate-data|id-token|refresh-token|token-data)["']?\s*:\s*["']?(?<secret>[A-Za-z0-9+/=._-]{8,})/dgi,
    accept: (s) => !isPlaceholder(s),
  },
  {
    kind: 'xml-credential',
    // Maven's settings.xml `<password>…</password>`, NuGet and Ant alike: the element's text.
    pattern: /<(?<tag>password|passphrase|privateKey|secret|secretKey|accessKey|apiKey|token|authToken|client_?secret)>(?<secret>[^<]{3,}?)<\/\k<tag>>/dgi,
    accept: (s) => s.trim() !== '' && !isPlaceholder(s.trim()),
  },
  {
    kind: 'assignment',
    // Quoted literal after a secret-sounding name: `password: "hunter22x"`, `"api_key": "…"`.
    pattern: new RegExp(String.raw`${SECRET_NAME}["']?\s*(?::|=|:=|=>)\s*(?<q>["'\x60])(?<secret>[^\s"'\x60]{8,})\k<q>`, 'dgi'),
    accept: (s) => !isPlaceholder(s),
  },
  {
    kind: 'assignment',
    // Unquoted: `token=abc123def456`, `API_KEY: abcd1234efgh`, `?access_token=…&`.
    pattern: new RegExp(String.raw`${SECRET_NAME}\s*(?::|=)\s*(?<secret>[A-Za-z0-9_+/=.~-]{8,})`, 'dgi'),
    accept: (s) => /\d/.test(s) && /[A-Za-z]/.test(s) && !isDottedIdentifier(s) && !isPlaceholder(s),
  },
  {
    kind: 'high-entropy',
    // Env-style lines only (`.env`, shell, CI variables): NAME=value with a random-looking value.
    pattern: /^[ \t]*(?:export[ \t]+)?[A-Z][A-Z0-9_]*[ \t]*[=:][ \t]*["']?(?<secret>[A-Za-z0-9+/=_.-]{20,})["']?[ \t]*$/dgm,
    accept: (s) => shannonEntropy(s) > 4.2 && /\d/.test(s) && /[A-Za-z]/.test(s) && !looksLikePath(s),
  },
];

/** `/usr/lib/jvm/java-17-openjdk-amd64` has secret-like entropy; a path with two slashes is not a key. */
function looksLikePath(value: string): boolean {
  return /^\.{0,2}\//.test(value) && (value.match(/\//g) ?? []).length >= 2;
}

function isDottedIdentifier(value: string): boolean {
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value);
}

/** Values people write in docs and templates instead of a real secret. */
function isPlaceholder(value: string): boolean {
  return (
    /^(?:x+|\*+|\.+|<.*>|\$\{.*\}|\{\{.*\}\}|%.*%)$/i.test(value) ||
    /^(?:your|my|example|dummy|fake|sample|placeholder|changeme|redacted|replace)[_-]?/i.test(value) ||
    /^\[REDACTED:[a-z-]+\]$/.test(value)
  );
}

/** Bits per character; random base62 reaches ~5.9, hex at most 4, English words ~3-3.5. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
