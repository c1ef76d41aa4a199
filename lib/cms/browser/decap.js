/**
 * The Decap CMS that /admin/ serves, bundled by lib/cms/decap-bundle.ts (esbuild) from Decap's
 * public npm entry `decap-cms-app` — its ES modules, so patches/ (patch-package) can change a few
 * readable lines of decap-cms-core instead of the minified decap-cms/dist/decap-cms.js.
 *
 * What decap-cms's own bundle does (its src/index.js): the registry as window.CMS, React's
 * createElement as `h` and create-react-class as `createClass` for extensions (lib/cms/browser/admin.ts
 * uses the three), and CMS.init() unless the page set CMS_MANUAL_INIT. Left out: the Cloudinary and
 * Uploadcare media libraries (photos are stored in Git beside the article).
 */
import CMS from "decap-cms-app";
import React from "react";
import createReactClass from "create-react-class";

globalThis.CMS = CMS;
globalThis.initCMS = CMS.init;
globalThis.createClass = globalThis.createClass || createReactClass;
globalThis.h = globalThis.h || React.createElement;
if (!globalThis.CMS_MANUAL_INIT) CMS.init();
