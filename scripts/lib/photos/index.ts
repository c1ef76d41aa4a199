/**
 * The one generator of photos for everything that needs them outside the build itself — the demo
 * content (scripts/generate-demo-photos.ts), the benchmark corpus (scripts/lib/corpus.ts), the
 * image benchmark (scripts/bench-images.ts) and the tests:
 *   camera.ts    camera-like JPEGs (scenes, grain, Canon EXIF), deterministic per seed;
 *   fixtures.ts  small exact images that each probe one behaviour (orientation, bombs, HEIF, 16-bit).
 * Nothing under lib/ imports this (the build never makes photos); tests and scripts may.
 */
export { cameraJpeg, stableHash, subjectFor, type CameraJpegOptions } from "./camera.ts";
export { heicHeader, jpegBombHeader, orientedFixture, pngBombHeader, QUADRANTS, solid, tiff16 } from "./fixtures.ts";
