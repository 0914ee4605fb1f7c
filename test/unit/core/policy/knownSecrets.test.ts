import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { knownSecretMatcher, secretValuesOf, secretVariants } from '../../../../src/core/policy/knownSecrets';
import { createRedactor } from '../../../../src/core/policy/secrets';

const SECRET = 'sk-ant-api03-Zq7xW2vR9pL4mN8kJ3hT';
const redact = createRedactor({ knownSecrets: [SECRET] }).redact;

/** Each encoding a program could print the secret in, computed with Node's own encoders. */
const ENCODINGS: [string, (bytes: Buffer) => string][] = [
  ['base64', (b) => b.toString('base64')],
  ['base64url', (b) => b.toString('base64url')],
  ['hex', (b) => b.toString('hex')],
  ['HEX', (b) => b.toString('hex').toUpperCase()],
  ['url-encoded', (b) => encodeURIComponent(b.toString('utf8'))],
  ['percent-encoded bytes', (b) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')],
  ['json-escaped', (b) => JSON.stringify(b.toString('utf8')).slice(1, -1)],
  ['reversed', (b) => [...b.toString('utf8')].reverse().join('')],
  ['raw', (b) => b.toString('utf8')],
];

/**
 * Whether the secret can be read back out of `text` by decoding it, whitespace ignored: every
 * base64 alignment and alphabet, both hex phases, URL and JSON decoding, reversal. Independent of
 * the matcher's own variant list.
 */
function leaks(text: string, secret: string): boolean {
  const compact = text.replace(/\s+/g, '');
  const candidates = [compact, [...compact].reverse().join('')];
  for (let i = 0; i < 4; i++) {
    candidates.push(Buffer.from(compact.slice(i), 'base64').toString('latin1'));
    candidates.push(Buffer.from(compact.slice(i).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'));
  }
  for (let i = 0; i < 2; i++) {
    const hex = compact.slice(i).replace(/[^0-9a-fA-F]/g, '');
    candidates.push(Buffer.from(hex.slice(0, hex.length - (hex.length % 2)), 'hex').toString('latin1'));
  }
  candidates.push(compact.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  candidates.push(compact.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\(.)/g, '$1'));
  return candidates.some((c) => c.includes(secret));
}

describe('core/policy/knownSecrets', () => {
  for (const [name, encode] of ENCODINGS) {
    it(`redacts the secret printed ${name}, alone, inside other bytes and wrapped over lines`, () => {
      for (const [before, after] of [
        ['', ''],
        ['x', 'y'],
        ['ab', 'cd'],
        ['KEY=', '\n'],
      ]) {
        const encoded = encode(Buffer.from(`${before}${SECRET}${after}`));
        const wrapped = encoded.replace(/(.{20})/g, '$1\n');
        for (const text of [`output: ${encoded} end`, `output:\n${wrapped}\nend`]) {
          const out = redact(text);
          assert.ok(!leaks(out, SECRET), `${name} (${JSON.stringify(before)}…${JSON.stringify(after)}) survived: ${out}`);
          assert.match(out, /\[REDACTED:known-secret\]/, `${name}: no marker in ${out}`);
        }
      }
    });
  }

  it('redacts a secret printed in two halves on two lines', () => {
    const out = redact(`first half: ${SECRET.slice(0, 16)}\n${SECRET.slice(16)} second`);
    assert.ok(!leaks(out, SECRET), out);
  });

  it('does not match a short encoding across word breaks (prose stays prose)', () => {
    const matcher = knownSecretMatcher(['hunter2x']);
    assert.deepEqual(matcher.find('say hunter2 x now'), [], 'an 8-character value split by a space is ordinary text');
    assert.equal(matcher.find('pw=hunter2x').length, 1);
  });

  it('ignores values shorter than 8 characters', () => {
    assert.deepEqual(knownSecretMatcher(['short', 'abc1234']).find('short abc1234'), []);
  });

  it('lists each encoding without whitespace and without duplicates', () => {
    const variants = secretVariants('a secret value 1');
    assert.equal(new Set(variants).size, variants.length);
    assert.ok(
      variants.every((v) => !/\s/.test(v) && v.length >= 8),
      variants.join(' | '),
    );
  });

  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_-%.'), maxLength: 40 });
  const secret = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+=:@'), minLength: 8, maxLength: 48 });
  const filler = fc.array(fc.oneof(word, fc.constantFrom(' ', '\n', '\t', ': ', '"')), { maxLength: 8 }).map((p) => p.join(''));
  const bytes = fc.uint8Array({ maxLength: 5 }).map((b) => Buffer.from(b).toString('latin1'));

  it('property: a secret in any supported encoding, embedded in random text, never survives', () => {
    fc.assert(
      fc.property(secret, fc.constantFrom(...ENCODINGS), bytes, bytes, filler, filler, fc.boolean(), (s, [, encode], pre, post, before, after, wrap) => {
        const encoded = encode(Buffer.concat([Buffer.from(pre, 'latin1'), Buffer.from(s), Buffer.from(post, 'latin1')]));
        // Only long values are matched across line breaks (the contract: short ones would hit prose).
        const shown = wrap && s.length >= 16 ? encoded.replace(/(.{13})/g, '$1\n') : encoded;
        const out = createRedactor({ knownSecrets: [s] }).redact(`${before} ${shown} ${after}`);
        assert.ok(!leaks(out, s), `survived: ${JSON.stringify(out)}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: text that holds no encoding of the secret is unchanged by the matcher', () => {
    fc.assert(
      fc.property(secret, filler, (s, text) => {
        fc.pre(!leaks(text, s) && !secretVariants(s).some((v) => text.replace(/\s+/g, '').includes(v)));
        assert.deepEqual(knownSecretMatcher([s]).find(text), []);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('core/policy/knownSecrets: values of a denied file', () => {
  it('takes assignment values, bare lines and the tokens inside them, never names or comments', () => {
    const values = secretValuesOf(
      [
        '# production settings, do not commit',
        'export STRIPE_KEY="zq-live-9fK2mX7pQ4"',
        'DATABASE_URL=postgres://app:hunter2hunter2@db.internal/app # the main db',
        'client_secret: s3cr3t-Value-77,',
        'MIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAw',
        'short=abc',
        'a line of words without a value',
      ].join('\n'),
    );
    assert.deepEqual(values.sort(), [
      'MIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAw',
      'hunter2hunter2',
      'postgres://app:hunter2hunter2@db.internal/app',
      's3cr3t-Value-77',
      'zq-live-9fK2mX7pQ4',
    ]);
  });
});
