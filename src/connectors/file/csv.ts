/**
 * CSV fields of one record, after RFC 4180: fields separated by a delimiter, optionally
 * enclosed in double quotes, a doubled quote inside quotes standing for one quote; quoted
 * fields may contain delimiters and line breaks.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4180
 */

/** Splits one record (without its line terminator) into fields. */
export function parseCsvRecord(record: string, delimiter: string): string[] {
  const fields: string[] = [];
  const n = record.length;
  let i = 0;
  for (;;) {
    if (record.charCodeAt(i) === 0x22) {
      // Quoted field: runs to the closing quote; "" is a literal quote.
      let value = '';
      let from = i + 1;
      i = from;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q < 0) {
          // Unterminated quote: be lenient and take the rest, as most readers do.
          value += record.slice(from);
          i = n;
          break;
        }
        if (record.charCodeAt(q + 1) === 0x22) {
          value += record.slice(from, q + 1);
          i = from = q + 2;
          continue;
        }
        value += record.slice(from, q);
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept, as lenient readers do.
      const d = record.indexOf(delimiter, i);
      const stop = d < 0 ? n : d;
      if (stop > i) value += record.slice(i, stop);
      fields.push(value);
      if (d < 0) return fields;
      i = d + delimiter.length;
    } else {
      const d = record.indexOf(delimiter, i);
      if (d < 0) {
        fields.push(record.slice(i));
        return fields;
      }
      fields.push(record.slice(i, d));
      i = d + delimiter.length;
    }
  }
}

/** Formats fields as one CSV record, quoting where RFC 4180 requires it. */
export function formatCsvRecord(fields: readonly string[], delimiter = ','): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] ?? '';
    if (i > 0) out += delimiter;
    out += f.includes(delimiter) || /["\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f;
  }
  return out;
}
