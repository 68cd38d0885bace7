import { readFileSync } from 'node:fs';
import { isFault } from '@openstack-image/faults';
import { paint, useColour } from './colour.ts';
import { convert } from './convert.ts';
import { describeFault } from './describe-fault.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.ts';
import { get } from './get.ts';
import { type CliIo, InputError } from './input.ts';
import { MAIN_USAGE } from './usage.ts';
import { validate } from './validate.ts';

/** The package's version, read from its package.json (beside both src/ and dist/). */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/**
 * The `openstack-image` command. Resolves its exit status: 0 when it did what was asked, 1 for an
 * invalid document, a fault or a file it cannot read, 2 for a command line it cannot run. Errors go
 * to stderr; colour only on a terminal, never with NO_COLOR.
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> {
  const [command, ...rest] = argv;
  const errPaint = paint(useColour(io.stderrIsTTY, env));
  const outPaint = paint(useColour(io.stdoutIsTTY, env));
  try {
    switch (command) {
      case undefined:
        io.err(MAIN_USAGE);
        return EXIT_USAGE;
      case '--help':
      case '-h':
      case 'help':
        io.out(MAIN_USAGE);
        return EXIT_OK;
      case '--version':
      case '-V':
        io.out(`${version()}\n`);
        return EXIT_OK;
      case 'convert':
        return await convert(rest, io);
      case 'validate':
        return await validate(rest, io, outPaint);
      case 'get':
        return await get(rest, env, io, outPaint);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    const prefix = `openstack-image${command === undefined || command.startsWith('-') ? '' : ` ${command}`}`;
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`${prefix}: ${(error as Error).message}\nRun "openstack-image --help" for usage.\n`);
      return EXIT_USAGE;
    }
    if (isFault(error)) {
      io.err(`${prefix}: ${errPaint.red(describeFault(error))}\n`);
      return EXIT_FAILED;
    }
    if (error instanceof InputError) {
      io.err(`${prefix}: ${error.message}\n`);
      return EXIT_FAILED;
    }
    throw error;
  }
}

/** `parseArgs` refuses an unknown option or a missing value with a TypeError carrying an ERR_PARSE_ARGS_* code. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
