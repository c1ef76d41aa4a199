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
export { defaultSourceFor, editorContext, EditorError, leafColumn, type EditorContext } from "./new-article/context.ts";
export { articleTemplate, createArticle, createWithContext, type NewArticleInput, type NewArticleResult } from "./new-article/create.ts";
export { NEW_USAGE, runNewArticleCli, type CliIo } from "./new-article/cli.ts";
export { SLUG_WORDS, slugForTitle, titleWords } from "./new-article/slug.ts";
