/**
 * Import layering: data flows one way (content → images → render → index → publish), so a
 * module may import only from its own layer or the layers below it. `npm test` fails on any
 * import that runs back up, on cycles, and on imports of a package's private files.
 */
const LAYERS = [
  ["lib/util/", "lib/edition/", "lib/html\\.ts$"],
  ["lib/content/"],
  ["lib/images/"],
  ["lib/site/", "lib/markdown\\.ts$"],
  ["layouts/"],
  ["lib/feeds/"],
  ["lib/render/"],
  ["lib/search/"],
  ["lib/counter/"],
  ["lib/pipeline/"],
  ["lib/editor/", "lib/cms/"],
];
const re = (paths) => `^(${paths.join("|")})`;

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${i}-imports-up`,
  comment: `${layer.join(", ")} may not import from a higher layer (${LAYERS.slice(i + 1)
    .flat()
    .join(", ")})`,
  severity: "error",
  // Tests beside a module are its consumers, not part of its layer.
  from: { path: re(layer), pathNot: "\\.test\\.ts$" },
  to: { path: re(LAYERS.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "lib-imports-scripts-or-tests",
      comment: "lib/ and layouts/ are the generator; scripts/ and tests/ use it, never the other way",
      severity: "error",
      from: { path: "^(lib|layouts)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(scripts|tests)/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-private-package-files",
      comment: "use a package through what it exports (its package.json exports), e.g. never @11ty/eleventy/src/…",
      severity: "error",
      from: {},
      to: { path: "node_modules/@11ty/eleventy/src/(?!Eleventy\\.js$)" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      // package.json through a package's "./*" export is public; the resolver does not map it.
      to: { couldNotResolve: true, pathNot: "/package\\.json$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    exclude: { path: "^(node_modules|_site|\\.cache|bench-corpus)/" },
  },
};
