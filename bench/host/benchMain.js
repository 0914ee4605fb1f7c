// The bench's stand-in for the extension's `main`: loads the real bundle and calls its real
// activate() with the real context, timing both, so the host bench reads activation as it is.
'use strict';
const loadStarted = performance.now();
const extension = require('./dist/extension.js');
const loadMs = performance.now() - loadStarted;

exports.activate = function activate(context) {
  const started = performance.now();
  const api = extension.activate(context);
  globalThis.__redlineBenchActivation = { loadMs, activateMs: performance.now() - started };
  return api;
};
exports.deactivate = extension.deactivate;
