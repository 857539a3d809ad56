/**
 * Inter-rater agreement statistics: pure functions over plain values, no I/O.
 * Each returns null where the statistic is undefined (no data, or no variance to measure against).
 */

/**
 * Cohen's kappa of two raters on nominal categories: (p_o − p_e) / (1 − p_e), where p_o is the
 * share of units both put in the same category and p_e the share expected by chance from each
 * rater's own category frequencies.
 * @example cohenKappa([['yes', 'yes'], ['yes', 'no'], ['no', 'no']]) // 0.4
 */
export function cohenKappa(pairs: ReadonlyArray<readonly [string, string]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agreed = 0;
  for (const [a, b] of pairs) {
    if (a === b) agreed++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = agreed / n;
  let expected = 0;
  for (const [category, count] of first) expected += (count / n) * ((second.get(category) ?? 0) / n);
  // Both raters used one and the same category throughout: chance explains everything.
  if (expected === 1) return null;
  return (observed - expected) / (1 - expected);
}

/** How far apart two values are for Krippendorff's alpha: any difference, or the squared distance. */
export type AlphaLevel = 'nominal' | 'interval';

/**
 * Krippendorff's alpha, 1 − D_o / D_e, over units each holding the values its raters gave (any
 * number of raters, missing values simply absent). Units with fewer than two values are not
 * pairable and are ignored. Computed through the coincidence matrix (Krippendorff 2011).
 * @example krippendorffAlpha([[1, 1], [2, 2], [1, 2]], 'nominal') // ≈ 0.444
 */
export function krippendorffAlpha(units: ReadonlyArray<ReadonlyArray<string | number>>, level: AlphaLevel): number | null {
  const pairable = units.filter((unit) => unit.length >= 2);
  const distance = (a: string | number, b: string | number): number => {
    if (level === 'nominal') return a === b ? 0 : 1;
    const d = Number(a) - Number(b);
    return d * d;
  };
  // n_c: how often each value occurs among pairable values (the coincidence matrix's margins).
  const margins = new Map<string | number, number>();
  let n = 0;
  let observedSum = 0;
  for (const unit of pairable) {
    const m = unit.length;
    for (const value of unit) margins.set(value, (margins.get(value) ?? 0) + 1);
    n += m;
    let within = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) within += distance(unit[i]!, unit[j]!);
    observedSum += within / (m - 1);
  }
  if (n < 2) return null;
  let expectedSum = 0;
  const values = [...margins];
  for (const [c, nc] of values) for (const [k, nk] of values) expectedSum += nc * nk * distance(c, k);
  const observed = observedSum / n;
  const expected = expectedSum / (n * (n - 1));
  if (expected === 0) return null;
  return 1 - observed / expected;
}

/**
 * The share of units (with at least two values) whose values are all equal, as `key` sees them.
 * @example exactMatchRate([['a', 'a'], ['a', 'b']]) // 0.5
 */
export function exactMatchRate<T>(units: ReadonlyArray<ReadonlyArray<T>>, key: (value: T) => string = (value) => JSON.stringify(value)): number | null {
  const pairable = units.filter((unit) => unit.length >= 2);
  if (pairable.length === 0) return null;
  const agreed = pairable.filter((unit) => new Set(unit.map(key)).size === 1).length;
  return agreed / pairable.length;
}
