import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeDocument, detectFormat, encodeDocument, type Format, pretty } from './documents.ts';
import { EXIT_OK, UsageError } from './exit-codes.ts';
import { type CliIo, InputError, readInput, textOf } from './input.ts';
import { formatOption, kindOption, maxBytesOption } from './options.ts';
import { CONVERT_USAGE } from './usage.ts';

/** `openstack-image convert`: one document to the other format. Throws a Fault, InputError or UsageError. */
export async function convert(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      kind: { type: 'string' },
      pretty: { type: 'boolean' },
      strict: { type: 'boolean' },
      out: { type: 'string' },
      'max-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.out(CONVERT_USAGE);
    return EXIT_OK;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`convert takes one FILE (or - for stdin), not ${positionals.length}`);
  }
  const to = formatOption('--to', values.to);
  const kind = kindOption(values.kind);
  const maxBytes = maxBytesOption(values['max-bytes']);
  if (values.out === '') throw new UsageError('--out needs a file name');
  const name = positionals[0]!;
  const body = await readInput(name, io.stdin, maxBytes);
  const text = textOf(body);
  const from: Format | undefined = formatOption('--from', values.from) ?? detectFormat(text);
  if (from === undefined) {
    throw new InputError(`${name} is neither JSON nor XML (it does not start with { or <); give --from`);
  }
  const document = decodeDocument(body, text, from, kind, { maxBytes, strict: values.strict === true });
  const target = to ?? (from === 'json' ? 'xml' : 'json');
  let output = encodeDocument(document, target);
  if (values.pretty === true) output = pretty(output, target);
  if (!output.endsWith('\n')) output += '\n';
  if (values.out === undefined) io.out(output);
  else {
    try {
      await writeFile(values.out, output);
    } catch (error) {
      throw new InputError(`cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return EXIT_OK;
}
