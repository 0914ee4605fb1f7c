import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deniedFileValues } from '../../../../src/node/checks/deniedValues';

describe('node/checks/deniedValues', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-denied-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };

  it('reads the values of denied files at any depth, and nothing from other files or dependency folders', async () => {
    write('.env', 'API_TOKEN=tok-1234567890abcdef\n');
    write('config/prod/.env.local', 'DB_PASSWORD=pw-0987654321zyx\n');
    write('src/app.ts', 'const notSecret = "value-12345678";\n');
    write('node_modules/pkg/.env', 'X=in-a-dependency-123456\n');
    const values = await deniedFileValues(root, (rel) => path.posix.basename(rel).startsWith('.env'));
    assert.deepEqual(values.sort(), ['pw-0987654321zyx', 'tok-1234567890abcdef']);
  });

  it('gives nothing for a folder it cannot read', async () => {
    assert.deepEqual(await deniedFileValues(path.join(root, 'missing'), () => true), []);
  });
});
