import type { Image, ImageIndex, ImageList, Metadata } from '@openstack-image/schema';
import type { Paint } from './colour.ts';

/**
 * A table as python-openstackclient (cliff) draws one: `+---+` rules, a header row, one line per
 * line of each cell. Cells are kept to printable text: a control character would drive the terminal.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], paint: Paint): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => printable(cell).split('\n')));
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => Math.max(...row[column]!.map((line) => width(line))))),
  );
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const draw = (row: string[][], style: (text: string) => string): string[] => {
    const height = Math.max(...row.map((cell) => cell.length));
    return Array.from(
      { length: height },
      (_, line) => `|${row.map((cell, column) => ` ${style(pad(cell[line] ?? '', widths[column]!))} `).join('|')}|`,
    );
  };
  const [head, ...body] = cells;
  return [rule, ...draw(head!, paint.bold), rule, ...body.flatMap((row) => draw(row, (t) => t)), rule, ''].join('\n');
}

export function imageTable(image: Image, paint: Paint): string {
  const rows: [string, string][] = [
    ['id', image.id],
    ['name', image.name ?? ''],
  ];
  for (const key of ['status', 'progress', 'minDisk', 'minRam'] as const) {
    if (image[key] !== undefined) rows.push([key, String(image[key])]);
  }
  rows.push(['created', image.created ?? ''], ['updated', image.updated ?? '']);
  if (image['OS-EXT-IMG-SIZE:size'] !== undefined)
    rows.push(['OS-EXT-IMG-SIZE:size', String(image['OS-EXT-IMG-SIZE:size'])]);
  if (image['OS-DCF:diskConfig'] !== undefined) rows.push(['OS-DCF:diskConfig', image['OS-DCF:diskConfig']]);
  if (image.server !== undefined) rows.push(['server', image.server.id]);
  rows.push(['metadata', metadataLines(image.metadata)]);
  rows.push(['links', image.links.map((link) => `${link.rel}: ${link.href}`).join('\n')]);
  return table(['Field', 'Value'], rows, paint);
}

export function listTable(list: ImageList, paint: Paint): string {
  return table(
    ['ID', 'Name', 'Status', 'Updated'],
    list.images.map((image) => [image.id, image.name ?? '', image.status ?? '', image.updated ?? '']),
    paint,
  );
}

export function indexTable(index: ImageIndex, paint: Paint): string {
  return table(
    ['ID', 'Name'],
    index.images.map((image) => [image.id, image.name ?? '']),
    paint,
  );
}

export function metadataTable(metadata: Metadata, paint: Paint): string {
  return table(
    ['Key', 'Value'],
    Object.entries(metadata).map(([key, value]) => [key, value]),
    paint,
  );
}

function metadataLines(metadata: Metadata): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key}='${value}'`)
    .join('\n');
}

/** Controls (but the newline a cell may hold) shown as U+FFFD; tabs as a space. */
function printable(text: string): string {
  return text
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

/** Columns a line takes: code points (wide East Asian characters count as one; close enough for ids and names). */
function width(text: string): number {
  return Array.from(text).length;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}
