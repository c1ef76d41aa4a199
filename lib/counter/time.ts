/**
 * Day and month keys of the view counter, in Asia/Shanghai (the portal's readers' calendar), so
 * 今天/昨天/本月/上月 turn over at Beijing midnight whatever the server's own zone is.
 */
import { DateTime } from "luxon";

export const COUNTER_ZONE = "Asia/Shanghai";

export interface Period {
  /** yyyy-MM-dd of the instant, Beijing time. */
  today: string;
  yesterday: string;
  /** yyyy-MM. */
  month: string;
  lastMonth: string;
}

/** The four periods the read endpoint reports, for an instant (ms since the epoch). */
export function periodAt(ms: number): Period {
  const t = DateTime.fromMillis(ms, { zone: COUNTER_ZONE });
  return {
    today: t.toFormat("yyyy-MM-dd"),
    yesterday: t.minus({ days: 1 }).toFormat("yyyy-MM-dd"),
    month: t.toFormat("yyyy-MM"),
    lastMonth: t.startOf("month").minus({ months: 1 }).toFormat("yyyy-MM"),
  };
}

/**
 * periodAt() for a clock, recomputed only when a Beijing day ends (luxon's zone maths costs more
 * than the rest of a request).
 */
export function periodClock(now: () => number): () => Period {
  let until = -Infinity;
  let from = Infinity;
  let period: Period | undefined;
  return () => {
    const t = now();
    if (t >= until || t < from || !period) {
      period = periodAt(t);
      from = DateTime.fromMillis(t, { zone: COUNTER_ZONE }).startOf("day").toMillis();
      until = t + msUntilNextDay(t);
    }
    return period;
  };
}

/** Milliseconds until the next Beijing midnight (the salt's rotation). */
export function msUntilNextDay(ms: number): number {
  const t = DateTime.fromMillis(ms, { zone: COUNTER_ZONE });
  return t.startOf("day").plus({ days: 1 }).toMillis() - ms;
}

export const DAY_KEY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;
