/** One photo that missed the cache: header check → ladder → one decode → every variant → manifest (written last). */
import { decodeToWidth, readHeader } from "./decode.ts";
import { encodeVariants } from "./encode.ts";
import { planLadder } from "./ladder.ts";
import { writeManifest } from "./manifests.ts";
import { problemFromError, problems, type ImageProblem } from "./messages.ts";
import type { ResolvedImageOptions } from "./options.ts";
import type { ProcessedImage } from "./types.ts";

export interface Produced {
  image?: ProcessedImage;
  problems: ImageProblem[];
}

/** Decode once, encode every variant, rename into place, then record the manifest. Problems are returned, never thrown. */
export async function produce(source: string, key: string, sourceHash: string, knownHead: Buffer | undefined, opts: ResolvedImageOptions): Promise<Produced> {
  const fail = (p: ImageProblem): Produced => ({ problems: [p] });
  const header = await readHeader(source, knownHead, opts);
  if ("problem" in header) return fail(header.problem);
  const plan = planLadder(source, header, opts);
  if ("problem" in plan) return fail(plan.problem);
  const decoded = await decodeToWidth(source, header, plan.top, opts);
  if ("problem" in decoded) return fail(decoded.problem);
  try {
    const variants = await encodeVariants(decoded, plan.ladder, key, opts);
    const image: ProcessedImage = { hash: key, width: header.width, height: header.height, variants };
    await writeManifest(opts.cacheDir, image, sourceHash);
    return { image, problems: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail = error instanceof Error ? error.message : String(error);
    return fail(code ? problems.writeFailed(source, detail) : problemFromError(source, error, opts.maxInputPixels, { width: header.width, height: header.height }));
  }
}
