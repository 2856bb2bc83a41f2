/** What the program form's values become on the way to the rules the API takes. */

/** A number the schema will judge (NaN where the input is empty, so it reports the field). */
export const num = (v: number | null | undefined): number => (v === null || v === undefined ? Number.NaN : v)
