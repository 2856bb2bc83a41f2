import { randomInt } from 'node:crypto'

/** Luhn check digit over a string of digits. */
export const luhnCheckDigit = (digits: string): number => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

export const isValidCardNo = (cardNo: string): boolean =>
  /^8\d{9}$/.test(cardNo) && luhnCheckDigit(cardNo.slice(0, 9)) === Number(cardNo[9])

/** A new 10-digit card number: "8", eight random digits, a Luhn check digit. */
export const newCardNo = (): string => {
  const body = `8${String(randomInt(0, 100_000_000)).padStart(8, '0')}`
  return `${body}${luhnCheckDigit(body)}`
}

/** What a till sees of a card number: the last 4 digits (8123456784 → ******6784). */
export const maskCardNo = (cardNo: string): string => `******${cardNo.slice(-4)}`
