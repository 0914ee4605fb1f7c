// @ts-check
// The layers of DESIGN.md ("Layers"), enforced. `npm run lint` runs
//   depcruise src webview-ui test bench scripts --config .dependency-cruiser.cjs
// after eslint, so `npm test` stops on a violation. Each rule was proven once by planting the import
// it forbids in a scratch file and watching this rule, by name, fail the lint.
//
//   src/shared   ← src/core ← src/node, src/model ← src/vscode ← src/extension.ts
//   webview-ui   → src/shared only
//
// Type-only imports count (tsPreCompilationDeps): a type from a higher layer couples the layers as
// much as a value does, and it is how the runtime import usually begins.

/**
 * A first-level entry of a layer folder: a sub-folder, or a file when it ends in `.ts`.
 * @param {string} base
 * @param {string} entry
 * @returns {string}
 */
function entryPattern(base, entry) {
  return entry.endsWith('.ts') ? `^${base}/${entry.replace(/\./g, '\\.')}$` : `^${base}/${entry}/`;
}

/**
 * Rules that keep the imports inside one layer pointing down: `order` lists the layer's first-level
 * entries from the bottom up, peers in one rank. An entry may import entries of lower ranks only, so
 * peers stay independent of each other; a cycle inside one entry is `no-circular`'s business. An entry
 * missing from the order fails `<prefix>-unranked`, so a new folder has to be given its place.
 * @param {string} prefix rule-name prefix
 * @param {string} base the layer folder, e.g. 'src/core'
 * @param {string[][]} order ranks, lowest first
 * @returns {import('dependency-cruiser').IForbiddenRuleType[]}
 */
function orderRules(prefix, base, order) {
  const ranked = order.flat();
  /** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
  const rules = order.flatMap((rank, level) =>
    rank.flatMap((entry) => {
      const above = [...rank.filter((peer) => peer !== entry), ...order.slice(level + 1).flat()];
      // The top entry alone in its rank has nothing above it to forbid.
      if (above.length === 0) return [];
      const rule = {
        name: `${prefix}-${entry.replace(/\.ts$/, '')}-not-up`,
        severity: /** @type {const} */ ('error'),
        comment:
          `${base}/${entry} may import only what ranks below it in ${base}: ${order.slice(0, level).flat().join(', ') || 'nothing'}. ` +
          `Not its peers or anything above (${above.join(', ')}). See the order in .dependency-cruiser.cjs.`,
        to: { path: above.map((e) => entryPattern(base, e)) },
      };
      return [{ ...rule, from: { path: entryPattern(base, entry) } }];
    }),
  );
  rules.push({
    name: `${prefix}-unranked`,
    severity: 'error',
    comment: `Every first-level entry of ${base} has a rank in .dependency-cruiser.cjs, so that its imports are checked: add this one.`,
    from: { path: `^${base}/`, pathNot: ranked.map((e) => entryPattern(base, e)) },
    to: {},
  });
  return rules;
}

/**
 * src/core, bottom up. Derived from the import graph: the building blocks, then text, the diff, the
 * changeset built on them; patch, policy and plan use those; the agent loop knows plans; the review
 * session shows an agent's changeset; the git working-tree review and the terminal agents' hooks feed
 * the review session. `runs`
 * (the application layer: the run and plan lifecycles) sits on top of them all.
 */
const coreOrder = [
  ['result.ts', 'slices.ts', 'serialQueue.ts', 'emitter.ts'],
  ['text', 'trust.ts', 'dispose.ts'],
  ['diff'],
  ['changeset'],
  ['patch', 'policy', 'plan'],
  ['agent'],
  ['review'],
  ['git', 'terminalAgents'],
  ['runs'],
];

/**
 * src/vscode, bottom up. Helpers (the log, untrusted text for host surfaces, settings, the API key store, workspace trust); the webview host, workspace paths and the Command
 * plumbing with the app-wide commands; the checks; the agent adapters (the run lifecycle wired to
 * VS Code, which the features read); the review panel; the features that show changesets in the
 * review (editor, git, terminal agents' hooks) or run plans (plan); the public API and the table of bundles loaded on first
 * use (which names what each feature's bundle exports); the composition root last.
 */
const vscodeOrder = [
  ['log.ts', 'untrustedText.ts', 'denySettings.ts', 'apiKeyStore.ts', 'workspaceTrust.ts'],
  ['webview', 'workspacePaths.ts', 'commands'],
  ['checks'],
  ['agent'],
  ['review'],
  ['editor', 'git', 'plan', 'terminalAgents'],
  ['api.ts', 'bundles.ts'],
  ['composition.ts'],
];

const noCircularComment =
  'A cycle makes its modules one unit: none can be loaded, tested or moved alone. Break it by moving the ' +
  'shared part (often a type) into a module of its own that both import.';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-layer',
      severity: 'error',
      comment:
        'src/shared holds the types and protocols that host and webviews share: it is the floor, so it imports ' +
        'nothing of src/core, src/node, src/model, src/vscode or src/extension.ts.',
      from: { path: '^src/shared/' },
      to: { path: ['^src/(core|node|model|vscode)/', '^src/extension\\.ts$'] },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      comment: 'src/shared is loaded by the webviews too, which run in a browser: no Node core modules.',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-imports-no-outer-layer',
      severity: 'error',
      comment:
        'src/core is the domain and the application, pure TypeScript: it reaches Node, the model and VS Code only ' +
        'through its ports, so it imports nothing of src/node, src/model, src/vscode or src/extension.ts.',
      from: { path: '^src/core/' },
      to: { path: ['^src/(node|model|vscode)/', '^src/extension\\.ts$'] },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment:
        'src/core is pure: no Node core modules (node:fs, path, child_process…), so it runs and is tested anywhere. ' +
        'A port in the core and its adapter in src/node do the I/O. Pure npm libraries are fine.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'node-model-not-to-vscode',
      severity: 'error',
      comment:
        'src/node and src/model are adapters of core ports that work outside VS Code: they import nothing of ' +
        'src/vscode or src/extension.ts (the vscode module itself: vscode-only-in-adapters).',
      from: { path: '^src/(node|model)/' },
      to: { path: ['^src/vscode/', '^src/extension\\.ts$'] },
    },
    {
      name: 'node-not-to-model',
      severity: 'error',
      comment: 'src/node and src/model are siblings: each adapts core ports and neither imports the other.',
      from: { path: '^src/node/' },
      to: { path: '^src/model/' },
    },
    {
      name: 'model-not-to-node',
      severity: 'error',
      comment: 'src/model and src/node are siblings: the model client imports nothing of src/node.',
      from: { path: '^src/model/' },
      to: { path: '^src/node/' },
    },
    {
      name: 'vscode-only-in-adapters',
      severity: 'error',
      comment:
        "The 'vscode' module may be imported only under src/vscode/ and in src/extension.ts (and by the tests and " +
        'benchmarks that run in the extension host: test/integration, bench/host). Everything else runs in plain Node.',
      from: { pathNot: ['^src/vscode/', '^src/extension\\.ts$', '^test/integration/', '^bench/host/'] },
      to: { path: ['^vscode$', '^node_modules/@types/vscode/'] },
    },
    {
      name: 'webview-ui-only-shared',
      severity: 'error',
      comment: 'The webview front ends run in the browser and share only the protocol types of src/shared with the host.',
      from: { path: '^webview-ui/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'webview-ui-no-node-builtins',
      severity: 'error',
      comment: 'The webview front ends run in the browser: no Node core modules.',
      from: { path: '^webview-ui/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: noCircularComment,
      from: { path: '^(src|webview-ui)/' },
      to: { circular: true },
    },
    ...orderRules('core', 'src/core', coreOrder),
    ...orderRules('vscode', 'src/vscode', vscodeOrder),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
