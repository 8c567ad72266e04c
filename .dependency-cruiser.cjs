/**
 * Import cycles, type-only imports included (eslint's import-x/no-cycle skips those by design): `npm run lint` runs
 * this after eslint. A cycle of types still couples two modules: neither can be understood or moved without the other.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycle (type-only imports count): break it with an interface owned by the importing side.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
