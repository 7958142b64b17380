// Reading and validating latents_image.csv and latents_text.csv as the original generator writes them.
import fs from 'node:fs';
import { csvCellError, InputError } from '../errors.js';
import { COLOR_NAMES } from './color-names.js';
import {
  IMAGE_COLUMNS,
  PHRASING_COUNT,
  POSITION_COUNT,
  SHAPE_COUNT,
  TEXT_COLUMNS,
  type ImageLatents,
  type TextLatents,
} from './types.js';

const REGENERATE = 'regenerate the file with `m3di latents`';

/** Allowed values of one numeric column, and the advice printed when a cell breaks them. */
interface NumberRule {
  integer: boolean;
  min: number;
  max: number;
  fix: string;
}

const SHAPE_RULE: NumberRule = {
  integer: true,
  min: 0,
  max: SHAPE_COUNT - 1,
  fix: 'Write an integer from 0 to 6 (0 teapot, 1 hare, 2 dragon, 3 cow, 4 armadillo, 5 horse, 6 head).',
};
const POSITION_RULE: NumberRule = { integer: true, min: 0, max: POSITION_COUNT - 1, fix: 'Write 0, 1 or 2.' };
const ZPOS_RULE: NumberRule = { integer: false, min: -Infinity, max: Infinity, fix: 'Write a number; generated files hold 0.0.' };
const FACTOR_RULE: NumberRule = { integer: false, min: 0, max: 1, fix: 'Write a number from 0 to 1.' };
const COLOR_INDEX_RULE: NumberRule = {
  integer: true,
  min: 0,
  max: COLOR_NAMES.length - 1,
  fix: `Write an integer from 0 to ${COLOR_NAMES.length - 1}, the position of the colour name among all palette names sorted.`,
};
const PHRASING_RULE: NumberRule = { integer: true, min: 0, max: PHRASING_COUNT - 1, fix: 'Write an integer from 0 to 4.' };

/** Reads `file` as UTF-8 text, turning file-system failures into an InputError that names the file and the fix. */
function readCsvText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: file not found; create it with \`m3di latents\` or check the path.`);
    if (code === 'EISDIR') throw new InputError(`${file}: is a folder, not a CSV file; ${REGENERATE}.`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${file}: permission denied; make the file readable.`);
    throw new InputError(`${file}: failed to read (${(error as Error).message}).`);
  }
}

/** Returns true when `text` is a plain decimal number: optional sign, digits with at most one point, optional exponent. */
function isDecimalNumber(text: string): boolean {
  const length = text.length;
  let i = 0;
  let digits = 0;

  let code = text.charCodeAt(i);
  if (code === 43 || code === 45) code = text.charCodeAt(++i);
  while (code >= 48 && code <= 57) {
    digits++;
    code = text.charCodeAt(++i);
  }
  if (code === 46) {
    code = text.charCodeAt(++i);
    while (code >= 48 && code <= 57) {
      digits++;
      code = text.charCodeAt(++i);
    }
  }
  if (digits === 0) return false;

  if (code === 101 || code === 69) {
    code = text.charCodeAt(++i);
    if (code === 43 || code === 45) code = text.charCodeAt(++i);
    let exponentDigits = 0;
    while (code >= 48 && code <= 57) {
      exponentDigits++;
      code = text.charCodeAt(++i);
    }
    if (exponentDigits === 0) return false;
  }

  return i === length;
}

/** Parses one numeric cell and checks it against `rule`; throws an InputError naming the cell otherwise. */
function parseNumberCell(file: string, row: number, column: string, text: string, rule: NumberRule): number {
  // Fast path for the single-digit cells that make up most integer columns.
  if (text.length === 1) {
    const digit = text.charCodeAt(0) - 48;
    if (digit >= rule.min && digit <= rule.max && digit <= 9) return digit;
  }

  if (text === '') throw csvCellError(file, row, column, text, 'missing value (an empty field reads as NaN)', rule.fix);
  if (text.length === 3 && text.toLowerCase() === 'nan') throw csvCellError(file, row, column, text, 'NaN is not allowed', rule.fix);
  if (!isDecimalNumber(text)) throw csvCellError(file, row, column, text, 'not a number', rule.fix);

  const value = Number(text);
  if (!Number.isFinite(value)) throw csvCellError(file, row, column, text, 'not a finite number', rule.fix);
  if (rule.integer && !Number.isInteger(value)) throw csvCellError(file, row, column, text, 'not an integer', rule.fix);
  if (!(value >= rule.min && value <= rule.max)) throw csvCellError(file, row, column, text, 'out of range', rule.fix);
  return value;
}

/** Splits one line that contains double quotes by the csv module's rules; returns undefined for an unclosed quote. */
function splitQuotedLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;

  for (;;) {
    if (line[i] !== '"') {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
      continue;
    }

    let value = '';
    i++;
    for (;;) {
      const quote = line.indexOf('"', i);
      if (quote < 0) return undefined;
      value += line.slice(i, quote);
      i = quote + 1;
      if (line[i] !== '"') break;
      value += '"';
      i++;
    }
    fields.push(value);

    if (i === line.length) return fields;
    if (line[i] !== ',') return undefined;
    i++;
  }
}

/** Describes how `header` differs from `columns`: missing names, unexpected names, or a different order. */
function describeHeaderMismatch(header: string[], columns: readonly string[]): string {
  const missing = columns.filter((name) => !header.includes(name));
  const unexpected = header.filter((name) => !columns.includes(name));
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`missing column ${missing.join(', ')}`);
  if (unexpected.length > 0) {
    problems.push(`unexpected column ${unexpected.map((name) => JSON.stringify(name)).join(', ')}`);
  }
  if (problems.length === 0) problems.push('columns in a different order');
  return problems.join('; ');
}

/**
 * Parses CSV text with the header `columns`: checks the header, splits each non-blank line into fields
 * and passes them to `parseRow` with the 1-based data row number. Accepts LF or CRLF line ends and a
 * leading byte-order mark, and skips blank lines as pandas does.
 */
function parseCsv<Row>(
  text: string,
  file: string,
  columns: readonly string[],
  parseRow: (fields: string[], row: number) => Row,
): Row[] {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  const expectedHeader = columns.join(',');
  let lineIndex = 0;
  while (lineIndex < lines.length && isBlank(lines[lineIndex])) lineIndex++;
  if (lineIndex === lines.length) {
    throw new InputError(`${file}: file is empty; expected the header line "${expectedHeader}" and one line per sample; ${REGENERATE}.`);
  }

  const header = splitLine(lines[lineIndex]) ?? [];
  if (header.join(',') !== expectedHeader || header.length !== columns.length) {
    throw new InputError(
      `${file}: header: ${describeHeaderMismatch(header, columns)}; expected "${expectedHeader}". ` +
        `Restore that first line or ${REGENERATE}.`,
    );
  }

  const rows: Row[] = [];
  for (lineIndex++; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex];
    if (isBlank(line)) continue;

    const row = rows.length + 1;
    const fields = splitLine(line);
    if (fields === undefined) throw new InputError(`${file}: row ${row}: unclosed double quote; fix the row or ${REGENERATE}.`);
    if (fields.length !== columns.length) {
      throw new InputError(
        `${file}: row ${row}: ${fields.length} field${fields.length === 1 ? '' : 's'}, expected ${columns.length} ` +
          `(${expectedHeader}); fix the row or ${REGENERATE}.`,
      );
    }
    rows.push(parseRow(fields, row));
  }
  return rows;
}

/** Returns true for an empty line, which pandas skips; a lone CR is the rest of an empty CRLF line. */
function isBlank(line: string): boolean {
  return line === '' || line === '\r';
}

/** Splits one line into fields, dropping a CR before the LF; returns undefined for an unclosed quote. */
function splitLine(line: string): string[] | undefined {
  const content = line.endsWith('\r') ? line.slice(0, -1) : line;
  return content.includes('"') ? splitQuotedLine(content) : content.split(',');
}

/** Parses the text of latents_image.csv; `file` is used in error messages. Every cell is checked. */
export function parseImageLatents(text: string, file: string): ImageLatents[] {
  return parseCsv(text, file, IMAGE_COLUMNS, (fields, row) => {
    const cell = (index: number, rule: NumberRule) => parseNumberCell(file, row, IMAGE_COLUMNS[index], fields[index], rule);
    return {
      objectShape: cell(0, SHAPE_RULE),
      objectXpos: cell(1, POSITION_RULE),
      objectYpos: cell(2, POSITION_RULE),
      objectZpos: cell(3, ZPOS_RULE),
      objectAlpharot: cell(4, FACTOR_RULE),
      objectBetarot: cell(5, FACTOR_RULE),
      objectGammarot: cell(6, FACTOR_RULE),
      objectColor: cell(7, FACTOR_RULE),
      spotlightPos: cell(8, FACTOR_RULE),
      spotlightColor: cell(9, FACTOR_RULE),
      backgroundColor: cell(10, FACTOR_RULE),
    };
  });
}

/** Parses the text of latents_text.csv; `file` is used in error messages. Every cell is checked. */
export function parseTextLatents(text: string, file: string): TextLatents[] {
  return parseCsv(text, file, TEXT_COLUMNS, (fields, row) => {
    const cell = (index: number, rule: NumberRule) => parseNumberCell(file, row, TEXT_COLUMNS[index], fields[index], rule);
    const colorName = fields[4];
    if (colorName === '') {
      throw csvCellError(file, row, TEXT_COLUMNS[4], colorName, 'missing colour name', 'Write a colour name such as tab:blue or xkcd:bright teal.');
    }
    return {
      objectShape: cell(0, SHAPE_RULE),
      objectXpos: cell(1, POSITION_RULE),
      objectYpos: cell(2, POSITION_RULE),
      objectZpos: cell(3, ZPOS_RULE),
      objectColorName: colorName,
      objectColorIndex: cell(5, COLOR_INDEX_RULE),
      textPhrasing: cell(6, PHRASING_RULE),
    };
  });
}

/**
 * Reads latents_image.csv and checks every cell: the exact header, integers shape 0..6 and positions 0..2,
 * a finite z position, and the seven continuous factors as numbers in [0, 1]. Throws InputError naming
 * the file, 1-based data row, column, value and fix.
 */
export function readImageLatents(file: string): ImageLatents[] {
  return parseImageLatents(readCsvText(file), file);
}

/**
 * Reads latents_text.csv and checks every cell: the exact header, shape 0..6, positions 0..2, a finite
 * z position, a non-empty colour name, colour index 0..1106 and phrasing 0..4. Throws InputError like
 * {@link readImageLatents}.
 */
export function readTextLatents(file: string): TextLatents[] {
  return parseTextLatents(readCsvText(file), file);
}
