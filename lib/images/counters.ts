/** Counts since the process started, for tests and the benchmark ("was anything decoded?"). */
export const imageCounters = { decoded: 0, hashed: 0 };
