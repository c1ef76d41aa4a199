/**
 * The one date parser and formatter. Everything is wall-clock time in Asia/Shanghai:
 * YAML would read `2024-07-12 23:30:00` as UTC and a naive formatter would show 07-13.
 * Front matter is parsed with YAML's core schema, so dates reach us as strings.
 */
import { DateTime } from "luxon";

export const ZONE = "Asia/Shanghai";

const FORMATS = [
  "yyyy-MM-dd",
  "yyyy-MM-dd HH:mm",
  "yyyy-MM-dd HH:mm:ss",
  "yyyy-M-d",
  "yyyy-M-d H:mm",
  "yyyy-M-d H:mm:ss",
  "yyyy/M/d",
  "yyyy/M/d H:mm",
  "yyyy/M/d H:mm:ss",
  "yyyy.M.d",
  "yyyy.M.d H:mm",
  "yyyy.M.d H:mm:ss",
  "yyyy年M月d日",
  "yyyy年M月d日 H:mm",
  "yyyy年M月d日 H:mm:ss",
];

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses a front-matter date; returns null when it is not a real date (never guesses). */
export function parseDate(value: unknown): DateTime | null {
  if (value instanceof Date) {
    // Only reached when some YAML parser produced a Date: its UTC fields are the wall clock written.
    if (Number.isNaN(value.getTime())) return null;
    return DateTime.fromObject(
      {
        year: value.getUTCFullYear(),
        month: value.getUTCMonth() + 1,
        day: value.getUTCDate(),
        hour: value.getUTCHours(),
        minute: value.getUTCMinutes(),
        second: value.getUTCSeconds(),
      },
      { zone: ZONE },
    );
  }
  if (typeof value !== "string") return null;
  const text = value.trim().replace(/\s+/g, " ");
  if (!/^\d{4}/.test(text)) return null;
  // ISO with an explicit offset keeps its instant; shown in Shanghai time.
  if (/T|[+-]\d{2}:?\d{2}$|Z$/.test(text)) {
    const iso = DateTime.fromISO(text.replace(" ", "T"), { zone: ZONE, setZone: false });
    return iso.isValid ? iso.setZone(ZONE) : null;
  }
  // Fast path for 2024-07-12[ 09:30[:00]] (what editors and the new-article tool write): one
  // fromObject instead of up to three fromFormat calls, each of which re-tokenises its format
  // (≈ a third of the content stage at 4,000 articles). Same fields, same zone, same validity;
  // anything else (or an invalid day) falls through to the format list as before.
  const m = ISO_LIKE.exec(text);
  if (m) {
    const d = DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) }, { zone: ZONE });
    if (d.isValid) return d;
  }
  for (const format of FORMATS) {
    const d = DateTime.fromFormat(text, format, { zone: ZONE });
    if (d.isValid) return d;
  }
  return null;
}

/** 2024-07-12 — the form Chinese government portals print. */
export const formatDay = (d: DateTime): string => d.setZone(ZONE).toFormat("yyyy-MM-dd");

/** 2024-07-12T23:30:00+08:00 for <time datetime> and feeds. */
export const isoDateTime = (d: DateTime): string => d.setZone(ZONE).toISO({ suppressMilliseconds: true }) ?? "";

export const nowInShanghai = (): DateTime => DateTime.now().setZone(ZONE);
