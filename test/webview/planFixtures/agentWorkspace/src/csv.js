// Splits CSV text into rows of fields.
export function parse(text) {
  const rows = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    rows.push(splitLine(line));
  }
  return rows;
}

// Writes rows back as CSV text.
export function format(rows) {
  return rows.map((row) => row.join(',')).join('\n');
}

// How many fields the widest row has.
export function width(rows) {
  return rows.reduce((max, row) => Math.max(max, row.length), 0);
}

// Every comma ends a field, even inside quotes.
function splitLine(line) {
  return line.split(',');
}
