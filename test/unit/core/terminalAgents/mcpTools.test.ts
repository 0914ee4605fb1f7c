import * as assert from 'node:assert/strict';
import { loopbackProblem } from '../../../../src/core/terminalAgents/loopbackCheck';
import { DEFAULT_WAIT_SECONDS, parseProposeArgs, parseStateArgs, parseWaitArgs, TOOLS } from '../../../../src/core/terminalAgents/mcpTools';

const message = (r: { ok: boolean; message?: string }) => (r.ok ? '' : (r.message ?? ''));

describe('terminalAgents/mcpTools', () => {
  it('names three tools, each with an object schema and a description for the model', () => {
    assert.deepEqual(
      TOOLS.map((t) => t.name),
      ['propose_changes', 'wait_for_decisions', 'get_review_state'],
    );
    for (const t of TOOLS) {
      assert.equal(t.inputSchema.type, 'object');
      assert.ok(t.description.length > 80, t.name);
    }
  });

  it('propose_changes takes whole texts or edits per file, and a title', () => {
    const r = parseProposeArgs({
      title: 'T',
      files: [
        { path: 'a.txt', newText: 'x\n' },
        {
          path: 'b.txt',
          edits: [
            { old_string: 'a', new_string: 'b' },
            { old_string: 'c', new_string: 'd', replace_all: true },
          ],
        },
      ],
    });
    assert.deepEqual(r, {
      ok: true,
      value: {
        title: 'T',
        files: [
          { path: 'a.txt', newText: 'x\n' },
          {
            path: 'b.txt',
            edits: [
              { oldString: 'a', newString: 'b', replaceAll: false },
              { oldString: 'c', newString: 'd', replaceAll: true },
            ],
          },
        ],
      },
    });
  });

  it('propose_changes refuses what does not fit, with the reason', () => {
    assert.match(message(parseProposeArgs({ files: [] })), /files must be a list of 1 to 200 files/);
    assert.match(message(parseProposeArgs({ files: [{ path: 'a' }] })), /files\[0\] needs exactly one of newText and edits/);
    assert.match(message(parseProposeArgs({ files: [{ path: 'a', newText: 'x', edits: [] }] })), /exactly one of newText and edits/);
    assert.match(message(parseProposeArgs({ files: [{ path: 'a', newText: 'x', mode: 1 }] })), /unknown key "mode"/);
    assert.match(message(parseProposeArgs({ files: [{ path: '', newText: 'x' }] })), /files\[0\]\.path must be/);
    assert.match(message(parseProposeArgs({ files: [{ path: 'a', newText: 'a\0b' }] })), /files\[0\]\.newText/);
    assert.match(message(parseProposeArgs({ files: [{ path: 'a', edits: [{ old_string: 'a' }] }] })), /edits\[0\]\.new_string must be a string/);
    assert.match(
      message(parseProposeArgs({ files: [{ path: 'a', edits: [{ old_string: 'a', new_string: 'b', replace_all: 'yes' }] }] })),
      /replace_all must be true or false/,
    );
    assert.match(message(parseProposeArgs({ title: 7, files: [{ path: 'a', newText: '' }] })), /title must be a string/);
    assert.match(message(parseProposeArgs(JSON.parse('{"__proto__": {"files": [{"path": "a", "newText": "x"}]}}'))), /files must be a list/);
  });

  it('wait_for_decisions defaults its timeout and bounds it; get_review_state takes an optional id', () => {
    assert.deepEqual(parseWaitArgs({ changesetId: 'cs-1' }), { ok: true, value: { changesetId: 'cs-1', timeoutSeconds: DEFAULT_WAIT_SECONDS } });
    assert.deepEqual(parseWaitArgs({ changesetId: 'cs-1', timeoutSeconds: 0 }), { ok: true, value: { changesetId: 'cs-1', timeoutSeconds: 0 } });
    assert.match(message(parseWaitArgs({ changesetId: 'cs-1', timeoutSeconds: 3601 })), /timeoutSeconds must be a number from 0 to 3600/);
    assert.match(message(parseWaitArgs({ changesetId: 'a\nb' })), /changesetId must be/);
    assert.deepEqual(parseStateArgs(undefined), { ok: true, value: {} });
    assert.deepEqual(parseStateArgs({ changesetId: 'cs-2' }), { ok: true, value: { changesetId: 'cs-2' } });
    assert.match(message(parseStateArgs({ changesetId: 5 })), /changesetId must be/);
  });
});

describe('terminalAgents/loopbackProblem', () => {
  it('serves a loopback Host on this port with no Origin or a loopback one', () => {
    assert.equal(loopbackProblem('127.0.0.1:4000', undefined, 4000), undefined);
    assert.equal(loopbackProblem('localhost:4000', 'http://localhost:4000', 4000), undefined);
    assert.equal(loopbackProblem('[::1]:4000', 'http://127.0.0.1:9', 4000), undefined);
  });

  it('refuses another Host (DNS rebinding), another port, or a foreign Origin', () => {
    assert.match(loopbackProblem('evil.example:4000', undefined, 4000) ?? '', /Host header must be 127\.0\.0\.1:4000/);
    assert.match(loopbackProblem('127.0.0.1:4001', undefined, 4000) ?? '', /Host header/);
    assert.match(loopbackProblem(undefined, undefined, 4000) ?? '', /Host header/);
    assert.match(loopbackProblem('127.0.0.1:4000', 'http://evil.example', 4000) ?? '', /requests from http:\/\/evil\.example are not served/);
    assert.match(loopbackProblem('127.0.0.1:4000', 'null', 4000) ?? '', /not a URL/);
    assert.match(loopbackProblem('127.0.0.1:4000', 'file://localhost/x', 4000) ?? '', /not served/);
  });
});
