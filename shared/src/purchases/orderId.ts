/** Order and refund ids, as tills and POS systems send them (one rule for the API and the till UI). */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9_\-.:]{1,64}$/
