import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRedactor, findSecrets, redactSecrets } from '../../../../src/core/policy/secrets';
import { shannonEntropy } from '../../../../src/core/policy/secretRules';

// Fake credentials assembled at run time so this file itself never looks like a leak.
const rnd = (n: number, alphabet = 'aZ3kQ9xW2mB7pL5vR8tY4nC6hJ1sD0fG'): string =>
  Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
const b64 = 'Kf8Zq2Lx9Vb4Nw7Ty1Rm3Hs6Pd0Gc5Ja+/=Ue';

/** [label, text, the kind the secret must be redacted as, the secret substring]. */
const POSITIVES: [string, string, string, string][] = [
  ['Anthropic key', `key: sk-ant-api03-${rnd(40)}`, 'anthropic-key', `sk-ant-api03-${rnd(40)}`],
  ['OpenAI project key', `OPENAI sk-proj-${rnd(48)}`, 'openai-key', `sk-proj-${rnd(48)}`],
  ['OpenAI legacy key', `client = OpenAI(api_key=os.environ or "sk-${rnd(48)}")`, 'openai-key', `sk-${rnd(48)}`],
  ['GitHub PAT classic', `remote: ghp_${rnd(36)}`, 'github-token', `ghp_${rnd(36)}`],
  ['GitHub fine-grained', `github_pat_${rnd(22)}_${rnd(59)}`, 'github-token', `github_pat_${rnd(22)}`],
  ['GitHub OAuth', `gho_${rnd(36)}`, 'github-token', `gho_${rnd(36)}`],
  ['AWS access key id', 'aws_access_key_id = AKIA' + 'IOSFODNN7EXAMPLE', 'aws-access-key', 'AKIAIOSFODNN7EXAMPLE'],
  [
    'AWS secret key',
    `aws_secret_access_key = ${b64.slice(0, 2)}${rnd(38, 'abcdefghijKLMNOPQ0123456789+/')}`,
    'aws-secret-key',
    rnd(38, 'abcdefghijKLMNOPQ0123456789+/'),
  ],
  ['Slack bot token', `xoxb-${rnd(12, '0123456789')}-${rnd(24)}`, 'slack-token', `xoxb-${rnd(12, '0123456789')}`],
  ['Slack webhook', `https://hooks.slack.com/services/T0000/B0000/${rnd(24)}`, 'slack-webhook', rnd(24)],
  ['Google API key', `AIza${rnd(35)}`, 'google-api-key', `AIza${rnd(35)}`],
  ['Stripe live key', `sk_live_${rnd(24)}`, 'stripe-key', `sk_live_${rnd(24)}`],
  ['npm token', `//registry.npmjs.org/:_authToken=npm_${rnd(36)}`, 'npm-token', `npm_${rnd(36)}`],
  ['JWT', `Authorization: Bearer eyJ${rnd(20)}.eyJ${rnd(30)}.${rnd(43)}`, 'jwt', `eyJ${rnd(20)}.eyJ${rnd(30)}`],
  ['PEM private key', `x\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow${rnd(60)}\n-----END RSA PRIVATE KEY-----\ny`, 'private-key', `MIIEow${rnd(60)}`],
  ['truncated PEM key', `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNza${rnd(50)}`, 'private-key', rnd(50)],
  ['URL credentials', 'postgres://admin:s3cr3tPassw0rd@db.internal:5432/app', 'url-credentials', 's3cr3tPassw0rd'],
  ['quoted password', 'const config = { password: "hunter2hunter2" };', 'assignment', 'hunter2hunter2'],
  ['JSON api_key', '{"api_key": "a8f3k2m9q7x1"}', 'assignment', 'a8f3k2m9q7x1'],
  ['unquoted token=', 'curl "https://x.test/?access_token=ab12cd34ef56&x=1"', 'assignment', 'ab12cd34ef56'],
  ['env DB_PASSWORD', 'DB_PASSWORD=Tr0ub4dor3x', 'assignment', 'Tr0ub4dor3x'],
  ['high-entropy env line', `SIGNING_SALT=${rnd(32)}`, 'high-entropy', rnd(32)],
  ['Authorization: Bearer (opaque)', `curl -H "Authorization: Bearer ${rnd(24)}" https://api.test`, 'authorization', rnd(24)],
  [
    'Authorization: Basic',
    `Authorization: Basic ${Buffer.from('admin:s3cr3t-pw-42').toString('base64')}`,
    'authorization',
    Buffer.from('admin:s3cr3t-pw-42').toString('base64'),
  ],
  ['Authorization token (GitHub style)', `-H 'Authorization: token ${rnd(30, 'abcdef0123456789')}'`, 'authorization', rnd(30, 'abcdef0123456789')],
  ['bare Bearer in a log', `> Bearer ${rnd(32)}`, 'authorization', rnd(32)],
  ['kubeconfig client-key-data', `    client-key-data: LS0tLS1CRUdJTi${rnd(60)}==`, 'kubeconfig', `LS0tLS1CRUdJTi${rnd(60)}`],
  ['kubeconfig client-certificate-data', `    client-certificate-data: LS0tLS1C${rnd(40)}`, 'kubeconfig', rnd(40)],
  ['kubeconfig bootstrap token', `  user:\n    token: ${rnd(6, 'abcdef0123')}.${rnd(16, '0123456789abcdef')}`, 'assignment', rnd(16, '0123456789abcdef')],
  [
    'Maven settings.xml password',
    '<server><id>repo</id><username>deploy</username><password>M4ven-Pa55word!</password></server>',
    'xml-credential',
    'M4ven-Pa55word!',
  ],
  ['XML token element', `<token>${rnd(28)}</token>`, 'xml-credential', rnd(28)],
  ['npm _authToken (not npm_ shaped)', `//npm.pkg.github.com/:_authToken=${rnd(36, 'abcdef0123456789')}`, 'assignment', rnd(36, 'abcdef0123456789')],
  ['yarnrc npmAuthToken', `npmAuthToken: ${rnd(12)}-${rnd(12, '0123456789')}`, 'assignment', rnd(12, '0123456789')],
  ['aws_secret_access_key', `aws_secret_access_key = ${rnd(40)}`, 'aws-secret-key', rnd(40)],
  ['multi-line PEM (EC)', `-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE${rnd(40)}\n${rnd(48)}\n-----END EC PRIVATE KEY-----`, 'private-key', rnd(48)],
  ['JWT alone', `eyJhbGciOiJIUzI1NiJ9.eyJ${rnd(40)}.${rnd(43)}`, 'jwt', rnd(43)],
];

/** Ordinary text that must pass through untouched. */
const NEGATIVES: [string, string][] = [
  ['git SHA in prose', 'Fixed in commit 3f9a1c2b7e4d5f60718293a4b5c6d7e8f9012345, see the log.'],
  ['git SHA in env line', 'GIT_COMMIT=3f9a1c2b7e4d5f60718293a4b5c6d7e8f9012345'],
  ['UUID', 'const id = "123e4567-e89b-12d3-a456-426614174000";'],
  ['UUID env line', 'TENANT_ID=123e4567-e89b-12d3-a456-426614174000'],
  ['base64 fixture in a test', `const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";`],
  ['token read from env', 'const token = process.env.GITHUB_TOKEN;'],
  ['token from call', 'const token = await getToken(user);'],
  ['password member', 'password: config.database.password,'],
  ['placeholder', 'API_KEY="your-api-key-here"'],
  ['placeholder xxx', 'password = "xxxxxxxxxx"'],
  ['kebab css class', 'className="sk-button-primary-large-variant"'],
  ['token counts', 'max_tokens: 4096, tokensUsed = 12345678'],
  ['English prose', 'The password must be at least twelve characters; the token expires hourly.'],
  ['Maven password placeholder', '<password>${env.MAVEN_PASSWORD}</password>'],
  ['prose about bearer tokens', 'Send the bearer token in the Authorization header.'],
  ['already redacted', 'API_KEY=[REDACTED:known-secret] and password: "[REDACTED:assignment]"'],
];

describe('core/policy/secrets', () => {
  for (const [label, text, kind, secret] of POSITIVES) {
    it(`redacts ${label} as ${kind}`, () => {
      const out = redactSecrets(text);
      assert.ok(!out.includes(secret), `${label}: secret survived in ${JSON.stringify(out)}`);
      assert.ok(out.includes(`[REDACTED:${kind}]`), `${label}: expected marker for ${kind} in ${JSON.stringify(out)}`);
      assert.ok(
        findSecrets(text).some((f) => f.kind === kind),
        `${label}: findSecrets must report ${kind}`,
      );
    });
  }

  for (const [label, text] of NEGATIVES) {
    it(`leaves ${label} alone`, () => {
      assert.equal(redactSecrets(text), text, `${label} was redacted`);
      assert.deepEqual(findSecrets(text), [], `${label} produced findings`);
    });
  }

  it('keeps the name of an assignment so the line still reads', () => {
    assert.equal(redactSecrets('DB_PASSWORD=Tr0ub4dor3x'), 'DB_PASSWORD=[REDACTED:assignment]');
  });

  it('always redacts known secrets, even ones that look like nothing', () => {
    const redactor = createRedactor({ knownSecrets: ['plainwordsecret', 'short'] });
    const out = redactor.redact('log: plainwordsecret; again:plainwordsecret! short');
    assert.equal(out, 'log: [REDACTED:known-secret]; again:[REDACTED:known-secret]! short', 'short strings are not treated as secrets');
  });

  it('redacts a key glued to a known secret (the marker creates the word boundary the key needs)', () => {
    const google = `AIza${rnd(35)}`;
    const out = redactSecrets(`x=knownsecret42${google}`, { knownSecrets: ['knownsecret42'] });
    assert.equal(out, 'x=[REDACTED:known-secret][REDACTED:google-api-key]', 'the glued key must not survive the first marker');
  });

  it('computes entropy: hex stays at or below 4 bits, random base62 above 4.2', () => {
    assert.ok(shannonEntropy('0123456789abcdef0123456789abcdef') <= 4);
    assert.ok(shannonEntropy(rnd(32)) > 4.2);
  });

  it('does not backtrack catastrophically on a long name-like line', function () {
    // A backtracking pattern on this line would run for hours and end in this timeout; a linear
    // one takes milliseconds. Speed itself is the benchmark's business.
    this.timeout(60_000);
    const line = `${'secret_token_'.repeat(4000)} ${'a'.repeat(50_000)}`;
    assert.equal(redactSecrets(line), line, 'a name-like line without a value is left as it is');
  });

  const textWithSecrets = fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(...POSITIVES.map((p) => p[1]), ...NEGATIVES.map((n) => n[1]), '\n', ' ', '=', '"', 'password=', 'TOKEN: '),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(''));
  const knownSecret = fc.string({ unit: fc.constantFrom(...'abcdefXYZ0123456789_-'), minLength: 8, maxLength: 24 });

  it('property: redaction is idempotent', () => {
    fc.assert(
      fc.property(textWithSecrets, fc.array(knownSecret, { maxLength: 2 }), (text, known) => {
        const once = redactSecrets(text, { knownSecrets: known });
        assert.equal(redactSecrets(once, { knownSecrets: known }), once);
      }),
      { numRuns: 500 },
    );
  });

  it('property: no known secret survives, wherever it is planted', () => {
    fc.assert(
      fc.property(textWithSecrets, textWithSecrets, knownSecret, fc.nat(3), (before, after, secret, copies) => {
        const text = before + Array.from({ length: copies + 1 }, () => secret).join(after) + after;
        const out = redactSecrets(text, { knownSecrets: [secret] });
        assert.ok(!out.includes(secret), `known secret survived in ${JSON.stringify(out)}`);
      }),
      { numRuns: 500 },
    );
  });
});
