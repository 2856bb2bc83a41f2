/** CSV export of a table: UTF-8 with a BOM (so Excel opens the Chinese text), quoted fields. */
export interface CsvColumn<T> {
  title: string
  value: (row: T) => string | number | null | undefined
}

const quote = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const toCsv = <T>(columns: CsvColumn<T>[], rows: T[]): string =>
  [columns.map((c) => quote(c.title)).join(','), ...rows.map((r) => columns.map((c) => quote(c.value(r))).join(','))].join('\r\n')

export const downloadCsv = <T>(fileName: string, columns: CsvColumn<T>[], rows: T[]): void => {
  const blob = new Blob([`\uFEFF${toCsv(columns, rows)}`], { type: 'text/csv;charset=utf-8' })
  downloadBlob(fileName.endsWith('.csv') ? fileName : `${fileName}.csv`, blob)
}

export const downloadBlob = (fileName: string, blob: Blob): void => {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
