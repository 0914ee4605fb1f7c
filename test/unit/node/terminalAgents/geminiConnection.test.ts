import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connectGemini, disconnectGemini } from '../../../../src/node/terminalAgents/geminiConnection';

const COMMAND = `'/home/u/.config/Code/User/globalStorage/redline.redline/hooks/redline-hook' gemini-cli`;
const SETTINGS = path.join('.gemini', 'settings.json');

describe('terminalAgents/geminiConnection', () => {
  let folder: string;
  beforeEach(() => {
    folder = realpathSync(mkdtempSync(path.join(tmpdir(), 'redline-gemini-')));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, encoding: 'utf8' });
  const exclude = () => path.join(folder, '.git', 'info', 'exclude');

  it('creates .gemini/settings.json, keeps it out of git through info/exclude, and Disconnect removes both again', async () => {
    git('init', '-q');
    const excludeBefore = readFileSync(exclude(), 'utf8');
    const made = await connectGemini(folder, COMMAND, 'git');
    assert.ok(made.ok, made.ok ? '' : made.message);
    const settings = JSON.parse(readFileSync(path.join(folder, SETTINGS), 'utf8'));
    assert.equal(settings.hooks.BeforeTool[0].hooks[0].command, COMMAND);
    assert.equal(readFileSync(exclude(), 'utf8'), `${excludeBefore}/.gemini/settings.json\n`);
    assert.equal(git('status', '--porcelain'), '', 'git must not see the settings file');

    const undone = await disconnectGemini(made.value, COMMAND);
    assert.ok(undone.ok, undone.ok ? '' : undone.message);
    assert.deepEqual(undone.value, [path.join(folder, SETTINGS), exclude()]);
    assert.equal(existsSync(path.join(folder, '.gemini')), false, 'the folder Connect made goes too');
    assert.equal(readFileSync(exclude(), 'utf8'), excludeBefore, 'exclude must be byte for byte what it was');
  });

  it('an untracked settings file of the user’s comes back byte for byte; its folder stays', async () => {
    git('init', '-q');
    mkdirSync(path.join(folder, '.gemini'));
    writeFileSync(path.join(folder, '.gemini', 'GEMINI.md'), 'notes\n');
    const before = '{\r\n\t"model": {"name": "gemini-2.5-pro"},\r\n\t"hooks": {"BeforeTool": []}}';
    writeFileSync(path.join(folder, SETTINGS), before);
    const made = await connectGemini(folder, COMMAND, 'git');
    assert.ok(made.ok, made.ok ? '' : made.message);
    assert.equal(made.value.madeDir, false);
    const undone = await disconnectGemini(made.value, COMMAND);
    assert.ok(undone.ok, undone.ok ? '' : undone.message);
    assert.equal(readFileSync(path.join(folder, SETTINGS), 'utf8'), before);
    assert.equal(readFileSync(path.join(folder, '.gemini', 'GEMINI.md'), 'utf8'), 'notes\n');
  });

  it('refuses a settings file git tracks (it is shared with everyone who clones), and changes nothing', async () => {
    git('init', '-q');
    mkdirSync(path.join(folder, '.gemini'));
    const shared = '{ "model": { "name": "gemini-2.5-pro" } }\n';
    writeFileSync(path.join(folder, SETTINGS), shared);
    git('add', SETTINGS);
    const excludeBefore = readFileSync(exclude(), 'utf8');
    const refused = await connectGemini(folder, COMMAND, 'git');
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.message, /\.gemini\/settings\.json in .* is tracked by git.*did not change it/);
    assert.equal(readFileSync(path.join(folder, SETTINGS), 'utf8'), shared);
    assert.equal(readFileSync(exclude(), 'utf8'), excludeBefore);
  });

  it('outside a repository: the hook is written, there is no exclude to change', async () => {
    const made = await connectGemini(folder, COMMAND, 'git');
    assert.ok(made.ok, made.ok ? '' : made.message);
    assert.equal(made.value.exclude, undefined);
    const undone = await disconnectGemini(made.value, COMMAND);
    assert.ok(undone.ok && !existsSync(path.join(folder, '.gemini')));
  });
});
