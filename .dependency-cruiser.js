/**
 * Layering rules (see ../shared/CONVENTIONS.md): the domain imports nothing outside itself; use cases
 * import only the domain and their own ports; SDKs live in adapters; only the composition root wires them.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing outside src/domain: no SDK, no node built-in, no adapter.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'app-depends-on-domain-only',
      comment: 'src/app (use cases and ports) imports only src/domain, src/app and node built-ins.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: ['^src/domain/', '^src/app/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-sdk-outside-adapters',
      comment: 'botbuilder, @azure/*, @microsoft/*, restify and adaptivecards only in src/adapters (and main.ts).',
      severity: 'error',
      from: { path: '^src/(domain|app|i18n|config)/' },
      to: { path: 'node_modules/(botbuilder|botframework-|@azure/|@microsoft/|restify|adaptivecards|@vercel/)' },
    },
    {
      name: 'adapters-do-not-import-main',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(main|start)\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|bench|scripts)/' },
  },
};
