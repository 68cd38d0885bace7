import { open } from 'node:fs/promises';
import { Fault } from '@openstack-image/faults';

/** What the command reads from and writes to: the process in `bin.ts`. */
export interface CliIo {
  readonly stdin: AsyncIterable<Uint8Array>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stdout and stderr are terminals (a table by default, colour unless NO_COLOR). */
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
}

/** A file that cannot be read (missing, a directory, no permission), with the system's reason. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * The bytes of FILE, or of stdin for `-`, refusing (overLimit, as the codecs would) anything past
 * `maxBytes` without reading further.
 */
export async function readInput(name: string, stdin: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  if (name === '-') return readBounded(stdin, maxBytes, 'stdin');
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(name, 'r');
  } catch (error) {
    throw new InputError(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new InputError(`cannot read ${name}: not a file`);
    if (stat.size > maxBytes) throw tooLarge(name, maxBytes);
    const body = new Uint8Array(await handle.readFile());
    // The file may have grown since stat: the limit holds all the same.
    if (body.byteLength > maxBytes) throw tooLarge(name, maxBytes);
    return body;
  } catch (error) {
    if (error instanceof InputError || error instanceof Fault) throw error;
    throw new InputError(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    await handle.close();
  }
}

async function readBounded(source: AsyncIterable<Uint8Array>, maxBytes: number, name: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(name, maxBytes);
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(name: string, maxBytes: number): Fault {
  return new Fault('overLimit', `${name} is larger than ${maxBytes} bytes (--max-bytes)`);
}

/** The text of a body for detection: invalid UTF-8 is left to the codec to report. */
export function textOf(body: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(body);
}
