/**
 * Terminal progress for the image stage, on stderr. Silent unless more than a handful of
 * photos need decoding (a rebuild with everything cached prints nothing). On a terminal one
 * line is redrawn about once a second; in CI logs (not a TTY) a new line is printed at each
 * 10 % step or every 10 seconds, whichever comes first.
 */
import type { Progress } from "./types.ts";

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressReporterOptions {
  /** Default process.stderr. */
  stream?: ProgressStream;
  /** Report only when more than this many photos need decoding. Default 5. */
  threshold?: number;
  /** Clock (tests). Default performance.now. */
  now?: () => number;
}

export function formatDuration(ms: number): { zh: string; en: string } {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (x: number) => String(x).padStart(2, "0");
  if (h) return { zh: `${h} 小时 ${pad(m)} 分`, en: `${h}h${pad(m)}m` };
  if (m) return { zh: `${m} 分 ${pad(sec)} 秒`, en: `${m}m${pad(sec)}s` };
  return { zh: `${sec} 秒`, en: `${sec}s` };
}

/** One progress line: done/total, percentage, rate of decoded photos and time left. */
export function formatProgress(p: Progress): string {
  const pct = p.total ? Math.floor((p.done / p.total) * 100) : 100;
  const seconds = p.elapsedMs / 1000;
  const worked = p.processed + p.failed;
  const rate = seconds > 0 ? worked / seconds : 0;
  const parts = [`图片处理 images: ${p.done}/${p.total} (${pct}%)`];
  if (p.cached) parts.push(`已缓存 cached ${p.cached}`);
  if (rate > 0) {
    parts.push(`${rate.toFixed(rate < 10 ? 1 : 0)} 张/秒 photos/s`);
    const left = formatDuration(((p.total - p.done) / rate) * 1000);
    if (p.done < p.total) parts.push(`剩余约 ${left.zh} ETA ${left.en}`);
  }
  return parts.join(" · ");
}

export function formatSummary(p: Progress): string {
  const t = formatDuration(p.elapsedMs);
  const secs = (p.elapsedMs / 1000).toFixed(1);
  return `图片处理完成 images done: ${p.total} 张（新处理 ${p.processed}，缓存 ${p.cached}，失败 ${p.failed}），用时 ${t.zh} / ${p.total} photos (${p.processed} processed, ${p.cached} cached, ${p.failed} failed) in ${secs}s`;
}

/** An onProgress callback for processImages that reports to the terminal. */
export function terminalProgress(options: ProgressReporterOptions = {}): (p: Progress) => void {
  const stream = options.stream ?? process.stderr;
  const threshold = options.threshold ?? 5;
  const now = options.now ?? (() => performance.now());
  const tty = stream.isTTY === true;
  let active = false;
  let lastAt = -Infinity;
  let lastStep = -1;
  let drawn = false;

  return (p: Progress) => {
    if (!active) {
      if (p.toProcess <= threshold) return;
      active = true;
    }
    const t = now();
    const finished = p.done >= p.total;
    const step = p.total ? Math.floor((p.done / p.total) * 10) : 10;
    if (finished) {
      if (tty && drawn) stream.write("\r\x1b[K");
      stream.write(formatSummary(p) + "\n");
      active = false;
      return;
    }
    if (tty) {
      if (t - lastAt < 1000) return;
      stream.write(`\r\x1b[K${formatProgress(p)}`);
      drawn = true;
    } else {
      if (t - lastAt < 1000 || (step === lastStep && t - lastAt < 10_000)) return;
      stream.write(formatProgress(p) + "\n");
    }
    lastAt = t;
    lastStep = step;
  };
}
