/**
 * The report's statistics, pure: Welch's t interval for the difference in revenue per member
 * between the treatment and the control group (unequal variances), from each group's count,
 * sum and sum of squares of revenue per member.
 */

/** ln Γ(x) (Lanczos). */
const logGamma = (x: number): number => {
  const g = [
    676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905, -0.13857109526572012,
    9.984369578019572e-6, 1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let a = 0.9999999999998099
  for (let i = 0; i < g.length; i++) a += g[i]! / (z + i + 1)
  const t = z + g.length - 0.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

/** The regularised incomplete beta function I_x(a, b) by its continued fraction. */
const incompleteBeta = (x: number, a: number, b: number): number => {
  if (x <= 0) return 0
  if (x >= 1) return 1
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a)
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x)) / a
  let f = 1
  let c = 1
  let d = 0
  for (let i = 0; i <= 300; i++) {
    const m = Math.floor(i / 2)
    const num =
      i === 0
        ? 1
        : i % 2 === 0
          ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
          : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
    d = 1 + num * d
    d = Math.abs(d) < 1e-30 ? 1e-30 : d
    d = 1 / d
    c = 1 + num / c
    c = Math.abs(c) < 1e-30 ? 1e-30 : c
    const cd = c * d
    f *= cd
    if (Math.abs(1 - cd) < 1e-12) break
  }
  return front * (f - 1)
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export const tCdf = (t: number, df: number): number => {
  const x = df / (df + t * t)
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

/** The t with P(T ≤ t) = p (bisection: plenty for a report). */
export const tQuantile = (p: number, df: number): number => {
  let lo = -1000
  let hi = 1000
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (tCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

export interface GroupMoments {
  /** Members in the group. */
  n: number
  /** Σ revenue per member. */
  sum: number
  /** Σ (revenue per member)². */
  sumSq: number
}

const meanVar = (g: GroupMoments) => {
  const mean = g.n === 0 ? 0 : g.sum / g.n
  const variance = g.n < 2 ? 0 : Math.max(0, (g.sumSq - g.n * mean * mean) / (g.n - 1))
  return { mean, variance }
}

/**
 * Welch's 95 % interval for mean(treatment) − mean(control). Null when either group has
 * fewer than 2 members (no variance to speak of).
 */
export const welchInterval = (treatment: GroupMoments, control: GroupMoments, level = 0.95) => {
  const t = meanVar(treatment)
  const c = meanVar(control)
  const diff = t.mean - c.mean
  if (treatment.n < 2 || control.n < 2) return { diff, low: null, high: null, df: null }
  const vt = t.variance / treatment.n
  const vc = c.variance / control.n
  const se = Math.sqrt(vt + vc)
  if (se === 0) return { diff, low: diff, high: diff, df: treatment.n + control.n - 2 }
  const df = (vt + vc) ** 2 / (vt ** 2 / (treatment.n - 1) + vc ** 2 / (control.n - 1))
  const q = tQuantile(1 - (1 - level) / 2, df)
  return { diff, low: diff - q * se, high: diff + q * se, df }
}
