import { DEFAULT_STORED_VALUE_RULES } from '@huiyuan/shared/storedValue/schemas'
import { TILL_TOP_UP_PACKAGES } from './topUpPackages'

test("the till offers the program's default top-up packages", () => {
  expect(TILL_TOP_UP_PACKAGES).toEqual(DEFAULT_STORED_VALUE_RULES.packages)
})
