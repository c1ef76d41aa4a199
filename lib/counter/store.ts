/**
 * What the service needs from its database. Two implementations: SQLite (one file, default) and
 * PostgreSQL (several instances behind a load balancer). Both keep, per page / day / month / site,
 * an `imported` figure (set by `counter import`, replaced on re-import) and a `counted` one.
 */
import type { Period } from "./time.ts";

export interface ViewRecord {
  /** Countable key ("/news/jydt/2024/x/"). */
  key: string;
  /** visitorKey(): 16 bytes. */
  visitor: Buffer;
  day: string;
  month: string;
}

export interface SiteFigures {
  yesterday: number;
  today: number;
  month: number;
  lastMonth: number;
  total: number;
}

export interface ReadResult {
  page: number | null;
  /** The visitor's view of the page is already recorded today. */
  seen: boolean;
  site: SiteFigures;
}

export interface ImportData {
  pages: Map<string, number>;
  total?: number | undefined;
  days: Map<string, number>;
  months: Map<string, number>;
}

export interface CounterStore {
  readonly kind: "sqlite" | "postgres";
  /** The salt of `day`, created when missing; salts and visitor keys of every other day are deleted. */
  salt(day: string): Promise<Buffer>;
  /** Records views in one transaction; returns how many were new (not seen before today). */
  record(views: readonly ViewRecord[]): Promise<number>;
  read(period: Period, page?: { key: string; visitor: Buffer }): Promise<ReadResult>;
  /** Site figures only (cached by the service). */
  site(period: Period): Promise<SiteFigures>;
  /** A page's count and whether the visitor's view of it is recorded today, from one snapshot. */
  pageView(day: string, key: string, visitor: Buffer): Promise<{ page: number; seen: boolean }>;
  importCounts(data: ImportData): Promise<void>;
  close(): Promise<void>;
}

/** Adds up a batch: what each counter table must be incremented by. */
export function tally(views: readonly ViewRecord[]): { pages: Map<string, number>; days: Map<string, number>; months: Map<string, number>; total: number } {
  const pages = new Map<string, number>();
  const days = new Map<string, number>();
  const months = new Map<string, number>();
  for (const v of views) {
    pages.set(v.key, (pages.get(v.key) ?? 0) + 1);
    days.set(v.day, (days.get(v.day) ?? 0) + 1);
    months.set(v.month, (months.get(v.month) ?? 0) + 1);
  }
  return { pages, days, months, total: views.length };
}
