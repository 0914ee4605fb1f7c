import * as assert from 'node:assert/strict';
import { fail, ok } from '../../../src/core/result';

describe('core/result', () => {
  it('ok carries its value and fail its code and message', () => {
    const good = ok(42);
    assert.equal(good.ok, true);
    assert.equal(good.value, 42, 'ok() must carry the value');
    const bad = fail('E_RANGE', 'line 9 is past the end');
    assert.equal(bad.ok, false);
    assert.equal(bad.code, 'E_RANGE');
    assert.match(bad.message, /line 9/, 'fail() must keep the message');
  });
});
