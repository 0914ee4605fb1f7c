import * as assert from 'node:assert/strict';
import { createDenyPolicy, DEFAULT_DENY_GLOBS, denyGlobsFromScopes, effectiveDenyGlobs } from '../../../../src/core/policy/denyList';

describe('core/policy/denyList', () => {
  const deny = createDenyPolicy();

  const denied = [
    '.env',
    '.env.local',
    'apps/web/.env.production',
    '.envrc',
    'certs/server.pem',
    'tls/private.key',
    'id_rsa',
    'home/.ssh/config',
    'id_ed25519.pub',
    '.npmrc',
    'pkg/.npmrc',
    '.netrc',
    '.pypirc',
    '.git-credentials',
    'credentials',
    'credentials.json',
    '.aws/credentials',
    '.aws/config',
    'gcp-service_credentials.json',
    'credentials/',
    'prod.credentials',
    'a/.docker/config.json',
    'store.p12',
    'cert.PFX',
    'secrets.yaml',
    'config/secrets.json',
    'infra/prod.tfvars',
    'CREDENTIALS/prod.json',
  ];
  for (const path of denied) {
    it(`denies ${path}`, () => {
      assert.notEqual(deny.deniedBy(path), undefined, `${path} must be denied`);
      assert.equal(deny.isSearchable(path), false, `${path} must not be searched`);
      assert.equal(deny.listingVisibility(path), 'name-only', `${path} may be listed by name only`);
    });
  }

  const allowed = [
    'src/env.ts',
    'src/environment.test.ts',
    'docs/keys.md',
    'src/keyboard.ts',
    'src/secretsManager.ts',
    'docker/config.json',
    'src/credentialsForm.tsx',
    'src/core/policy/secrets.ts',
  ];
  for (const path of allowed) {
    it(`allows near-miss ${path}`, () => {
      assert.equal(deny.deniedBy(path), undefined, `${path} must not be denied`);
      assert.equal(deny.listingVisibility(path), 'visible');
    });
  }

  it('hides .git from listings and search entirely', () => {
    assert.equal(deny.listingVisibility('.git'), 'hidden');
    assert.equal(deny.listingVisibility('vendor/lib/.GIT/HEAD'), 'hidden');
    assert.equal(deny.isSearchable('.git/config'), false);
  });

  it('lets a setting re-allow with !glob and extend the defaults', () => {
    const custom = createDenyPolicy(effectiveDenyGlobs({ globs: ['!.env.example', 'private/**'] }));
    assert.equal(custom.deniedBy('.env.example'), undefined, '!.env.example must re-allow');
    assert.equal(custom.deniedBy('.env'), '.env*', 'the default still applies to .env');
    assert.equal(custom.deniedBy('private/notes.md'), 'private/**');
  });

  it('lets a team replace the defaults', () => {
    const globs = effectiveDenyGlobs({ globs: ['vault/**'], replaceDefaults: true });
    assert.deepEqual(globs, ['vault/**']);
    assert.ok(DEFAULT_DENY_GLOBS.includes('.env*'), 'defaults themselves are unchanged');
  });

  it('lets a workspace add globs but never re-allow or drop the defaults: only the user narrows', () => {
    const fromRepo = createDenyPolicy(denyGlobsFromScopes({}, ['!.env*', ' !*.pem', 'vault/**']));
    assert.equal(fromRepo.deniedBy('.env'), '.env*', "a workspace's !.env* must not re-allow .env");
    assert.equal(fromRepo.deniedBy('certs/a.pem'), '*.pem');
    assert.equal(fromRepo.deniedBy('vault/key.txt'), 'vault/**', 'a workspace may deny more');
    const mine = createDenyPolicy(denyGlobsFromScopes({ globs: ['!.env.example'] }, []));
    assert.equal(mine.deniedBy('.env.example'), undefined, "the user's own !glob still re-allows");
    assert.deepEqual(denyGlobsFromScopes({ globs: ['a/**'], replaceDefaults: true }, ['b/**']), ['a/**', 'b/**']);
  });
});
