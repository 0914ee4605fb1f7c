import * as assert from 'node:assert/strict';
import { EXCLUDE_LINE, withExcludeLine, withoutExcludeLine } from '../../../../src/core/terminalAgents/gitExclude';
import { parseWindowEntry, windowFor } from '../../../../src/core/terminalAgents/windowChoice';

describe('terminalAgents/gitExclude', () => {
  it('adds the line on a line of its own and takes back exactly what it added', () => {
    for (const before of [null, '', '# git ls-files --others --exclude-from=.git/info/exclude\n', '*.log']) {
      const after = withExcludeLine(before);
      assert.ok(after.split('\n').includes(EXCLUDE_LINE), `no line of its own in ${JSON.stringify(after)}`);
      assert.equal(withoutExcludeLine(after, { before, after }), before ?? undefined, `not back to ${JSON.stringify(before)}`);
    }
    const after = withExcludeLine('*.log\n');
    assert.equal(withoutExcludeLine(`${after}build/\n`, { before: '*.log\n', after }), '*.log\nbuild/\n', 'a line the user added since must stay');
  });
});

describe('terminalAgents/windowChoice', () => {
  const a = { pid: 1, port: 1001, folders: ['/w/app'] };
  const b = { pid: 2, port: 1002, folders: ['/w/app/packages/lib', '/w/other'] };
  it('picks the window with the longest folder holding the path, segment by segment', () => {
    assert.equal(windowFor([a, b], '/w/app/src/x.ts', false)?.window, a);
    assert.equal(windowFor([a, b], '/w/app/packages/lib/src/y.ts', false)?.window, b, 'the nested folder’s window must win');
    assert.equal(windowFor([a, b], '/w/application/x.ts', false), undefined, '/w/application is not inside /w/app');
    assert.equal(windowFor([a, b], '/W/APP/x.ts', false), undefined);
    assert.equal(windowFor([a, b], '/W/APP/x.ts', true)?.window, a);
  });

  it('reads a registry entry only when every field fits', () => {
    assert.deepEqual(parseWindowEntry({ pid: 5, port: 80, folders: ['/w'] }), { pid: 5, port: 80, folders: ['/w'] });
    for (const bad of [
      null,
      { pid: 0, port: 80, folders: [] },
      { pid: 5, port: 70000, folders: [] },
      { pid: 5, port: 80, folders: [''] },
      { pid: 5, port: 80 },
    ]) {
      assert.equal(parseWindowEntry(bad), undefined, `accepted ${JSON.stringify(bad)}`);
    }
  });
});
