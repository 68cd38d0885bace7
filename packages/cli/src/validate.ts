import { parseArgs } from 'node:util';
import { isFault } from '@openstack-image/faults';
import type { Paint } from './colour.ts';
import { describeFault, oneLine } from './describe-fault.ts';
import { decodeDocument, detectFormat } from './documents.ts';
import { EXIT_FAILED, EXIT_OK, UsageError } from './exit-codes.ts';
import { type CliIo, InputError, readInput, textOf } from './input.ts';
import { formatOption, kindOption, maxBytesOption } from './options.ts';
import { VALIDATE_USAGE } from './usage.ts';

/** After this long, a batch reports its progress on stderr, and again each time this long passes. */
export const PROGRESS_INTERVAL_MS = 1000;

/** `openstack-image validate`: each file `ok` or its fault; 0 only when all are valid. */
export async function validate(argv: readonly string[], io: CliIo, paint: Paint): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      strict: { type: 'boolean' },
      kind: { type: 'string' },
      from: { type: 'string' },
      'max-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.out(VALIDATE_USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('validate takes at least one FILE (or - for stdin)');
  if (positionals.filter((name) => name === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const kind = kindOption(values.kind);
  const from = formatOption('--from', values.from);
  const maxBytes = maxBytesOption(values['max-bytes']);
  const options = { maxBytes, strict: values.strict === true };

  const started = Date.now();
  let done = 0;
  let reported = false;
  const progress = setInterval(() => {
    reported = true;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.err(`openstack-image validate: ${done} of ${positionals.length} files checked (${seconds} s)\n`);
  }, PROGRESS_INTERVAL_MS);
  let invalid = 0;
  try {
    for (const name of positionals) {
      const verdict = await check(name, io, from, kind, options);
      if (verdict === undefined) io.out(`${oneLine(name)}: ${paint.green('ok')}\n`);
      else {
        invalid++;
        io.out(`${oneLine(name)}: ${paint.red(verdict)}\n`);
      }
      done++;
      // Let the progress timer run between files, whatever the reading cost.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    clearInterval(progress);
  }
  if (reported) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.err(`openstack-image validate: ${done} files checked in ${seconds} s, ${invalid} invalid\n`);
  }
  return invalid === 0 ? EXIT_OK : EXIT_FAILED;
}

/** Undefined when the file holds a valid document, else what is wrong with it. */
async function check(
  name: string,
  io: CliIo,
  from: ReturnType<typeof formatOption>,
  kind: ReturnType<typeof kindOption>,
  options: { maxBytes: number; strict: boolean },
): Promise<string | undefined> {
  try {
    const body = await readInput(name, io.stdin, options.maxBytes);
    const text = textOf(body);
    const format = from ?? detectFormat(text);
    if (format === undefined) return 'not JSON nor XML (it does not start with { or <)';
    decodeDocument(body, text, format, kind, options);
    return undefined;
  } catch (error) {
    if (isFault(error)) return describeFault(error);
    if (error instanceof InputError) return error.message;
    throw error;
  }
}
