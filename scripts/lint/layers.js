// Which folder of src/ may import which: each layer imports only layers below it, and the UI
// reaches the worker through worker/client alone. docs/ARCHITECTURE.md explains each folder;
// src/test/layers.test.ts shows a violation failing. Tests (*.test.ts) are exempt: they may
// wire layers together.

// A layer is reached by going up at least once (`../`), so a file named like a layer is no match.
const reach = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
const ui = ['react', 'react-dom', 'react-dom/*', 'zustand', 'comlink'];
const uiLayers = ['state', 'views', 'charts', 'ui', 'app', 'server'];

/** For each folder: the folders (and packages) it must not import; `types` only as `import type`. */
const LAYERS = {
  shared: { never: ['engine', 'data', 'protocol', 'worker', ...uiLayers], packages: ui },
  data: { never: ['engine', 'protocol', 'worker', ...uiLayers], packages: ui },
  engine: { never: ['protocol', 'worker', ...uiLayers], types: ['data'], packages: ui },
  protocol: { never: ['worker', ...uiLayers], types: ['engine', 'data'], packages: ui },
  worker: { never: uiLayers, packages: ['react', 'react-dom', 'zustand'] },
  ui: { never: ['engine', 'data', 'worker', 'state', 'views', 'charts', 'app', 'server'] },
  charts: { never: ['engine', 'data', 'worker', 'state', 'views', 'app', 'server'] },
  state: { never: ['engine', 'data', 'views', 'charts', 'app', 'server'], workerClientOnly: true },
  views: { never: ['engine', 'data', 'app', 'server'], workerClientOnly: true },
  // The DuckDB server (Node): the same data/engine code as the worker, never the worker or UI.
  server: { never: ['worker', 'state', 'views', 'charts', 'ui', 'app'], packages: ui },
};

function patternsOf(name, layer) {
  const patterns = [
    {
      regex: reach(layer.never),
      message: `src/${name} must not import this layer (see docs/ARCHITECTURE.md).`,
    },
  ];
  if (layer.types)
    patterns.push({
      regex: reach(layer.types),
      allowTypeImports: true,
      message: `src/${name} may import only types from this layer.`,
    });
  if (layer.workerClientOnly)
    patterns.push({
      regex: '^(\\.\\./)+worker/(?!client$)',
      message: 'The UI reaches the worker through worker/client only.',
    });
  if (layer.packages) patterns.push({ group: layer.packages, message: `Not in src/${name}.` });
  return patterns;
}

export const layerRules = Object.entries(LAYERS).map(([name, layer]) => ({
  files: [`src/${name}/**/*.{ts,tsx}`],
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: patternsOf(name, layer) }],
  },
}));
