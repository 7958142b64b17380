import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatCsvFloat, formatCsvString, formatPythonFloat } from '../src/latents/csv-format.js';
import { MT19937 } from '../src/latents/mt19937.js';

// Expected strings are Python 3.11 repr() output.
const REPR_CASES: [number, string][] = [
  [0, '0.0'],
  [-0, '-0.0'],
  [1, '1.0'],
  [5, '5.0'],
  [-3, '-3.0'],
  [0.5, '0.5'],
  [0.523079337887283, '0.523079337887283'],
  [0.05808361216819946, '0.05808361216819946'],
  [0.0001, '0.0001'],
  [9.999999999999999e-5, '9.999999999999999e-05'],
  [1e-5, '1e-05'],
  [-1e-5, '-1e-05'],
  [2.0027530115096503e-5, '2.0027530115096503e-05'],
  [5.8763030830522034e-5, '5.8763030830522034e-05'],
  [1e-7, '1e-07'],
  [1.5e-7, '1.5e-07'],
  [1.5e-10, '1.5e-10'],
  [5e-324, '5e-324'],
  [9999999999999998, '9999999999999998.0'],
  [1e16, '1e+16'],
  [1.5e16, '1.5e+16'],
  [1e21, '1e+21'],
  [1.7976931348623157e308, '1.7976931348623157e+308'],
  [123456.789, '123456.789'],
  [NaN, 'nan'],
  [Infinity, 'inf'],
  [-Infinity, '-inf'],
];

test('formatPythonFloat matches repr', () => {
  for (const [value, expected] of REPR_CASES) assert.is(formatPythonFloat(value), expected, `repr(${value})`);
});

test('formatPythonFloat round-trips across magnitudes', () => {
  const rng = new MT19937(1);
  for (let i = 0; i < 20000; i++) {
    const value = rng.nextDouble() * 10 ** (rng.nextInt(40) - 20);
    const text = formatPythonFloat(value);
    assert.is(Number(text), value, text);
    assert.ok(/^\d+\.\d+$|^\d(\.\d+)?e[+-]\d{2,3}$/.test(text), `layout of ${text}`);
    assert.is(text.includes('e'), value < 1e-4 || value >= 1e16, `notation of ${text}`);
  }
});

test('formatCsvFloat writes NaN as an empty field', () => {
  assert.is(formatCsvFloat(NaN), '');
  assert.is(formatCsvFloat(0), '0.0');
  assert.is(formatCsvFloat(2.0027530115096503e-5), '2.0027530115096503e-05');
});

test('formatCsvString quotes only when needed', () => {
  assert.is(formatCsvString('tab:blue'), 'tab:blue');
  assert.is(formatCsvString('xkcd:cherry red'), 'xkcd:cherry red');
  assert.is(formatCsvString("xkcd:robin's egg"), "xkcd:robin's egg");
  assert.is(formatCsvString('xkcd:green/yellow'), 'xkcd:green/yellow');
  assert.is(formatCsvString('a,b'), '"a,b"');
  assert.is(formatCsvString('say "hi"'), '"say ""hi"""');
  assert.is(formatCsvString('two\nlines'), '"two\nlines"');
  assert.is(formatCsvString('cr\r'), '"cr\r"');
});

test.run();
