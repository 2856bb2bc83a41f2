import { randomInt } from 'node:crypto'

/** No 0/O, 1/I/L: a code read aloud or typed is not mistaken. 31⁸ ≈ 8.5 × 10¹¹ codes of 8. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** A random short code (invite tokens, enrolment codes); callers keep it unique with a conditional put. */
export const newShortCode = (length = 8) => Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
