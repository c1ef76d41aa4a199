/**
 * `npm run new`: creates an article folder with a filled-in index.md, so an editor never starts
 * from a blank file. The core is createArticle() (tested); runNewArticleCli() adds flags and,
 * when a person is at the keyboard, prompts for whatever is missing.
 *
 *   content/<column path>/<slug>/index.md
 *
 * Never overwrites: the file is opened with the exclusive flag, and an existing article (or one
 * with the same slug in the column) is refused with another slug suggested.
 *
 * The jobs live in new-article/: context.ts (site and columns), slug.ts (slugs by words),
 * create.ts (the file from the template), cli.ts (flags and questions).
 */
export { BODY_PLACEHOLDER } from "../content/body.ts";
export { EditorError } from "./new-article/context.ts";
export { createArticle } from "./new-article/create.ts";
export { runNewArticleCli } from "./new-article/cli.ts";
export { slugForTitle } from "./new-article/slug.ts";
