// Cell formatting of pandas 1.5.3 `DataFrame.to_csv` with default options: floats as Python's
// `repr(float)`, NaN as an empty field, strings quoted only where the csv module must quote them.

/**
 * Formats a double like Python's `repr(float)`: the shortest digits that read back to the same double,
 * fixed-point for 1e-4 <= |x| < 1e16 with `.0` on integral values, otherwise scientific with a signed
 * exponent of at least two digits (`1e-05`, `1.5e+16`). Also `-0.0`, `nan`, `inf` and `-inf`.
 */
export function formatPythonFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';

  // JavaScript and Python pick the same shortest digits; only the layout differs.
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    const fixed = String(x);
    return Number.isInteger(x) ? fixed + '.0' : fixed;
  }

  const exponential = x.toExponential();
  const e = exponential.indexOf('e');
  const mantissa = exponential.slice(0, e);
  const sign = exponential[e + 1];
  const digits = exponential.slice(e + 2);
  return `${mantissa}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
}

/** Formats one float64 cell as pandas' `to_csv` writes it: `repr(float)`, with NaN as an empty field. */
export function formatCsvFloat(x: number): string {
  return Number.isNaN(x) ? '' : formatPythonFloat(x);
}

/**
 * Formats one string cell with the csv module's QUOTE_MINIMAL rule: quoted, with inner quotes doubled,
 * only when it contains a comma, a double quote, CR or LF.
 */
export function formatCsvString(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44 || code === 34 || code === 13 || code === 10) return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}
