import { parseArgs } from 'node:util';
import { readImageFile } from './image-file.ts';
import type { StartOptions } from './start.ts';

export const USAGE: string = `Usage: openstack-image-mock [options]

A mock OpenStack Compute API v2 Images server on an in-memory store, seeded with the seed's image
and Nova's sample images under tenant "openstack".

Options:
  --port N               port to listen on (default: $PORT or 8774; 0 takes any free port)
  --host ADDRESS         address to listen on (default: $HOST or 127.0.0.1)
  --data FILE            serve the images of FILE instead, a JSON detail list: {"images": [...]}
  --tenant NAME          the tenant the images belong to (default: openstack)
  --token TOKEN:TENANT   accept X-Auth-Token TOKEN for TENANT; repeatable; turns authentication on
  --latency MS           wait MS milliseconds before each answer
  --base-url URL         root of the links (default: the host each request names)
  --glance-base-url URL  root of the alternate links (default: the links' root)
  --identity-url URL     identity service a 401 names in WWW-Authenticate (default: the links' root)
  --help                 print this and exit
`;

/** A command line that cannot be run, with a message saying what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type CommandLine = { readonly help: true } | { readonly help: false; readonly options: StartOptions };

/** The options a command line (and `PORT`, `HOST`) asks for. Throws `UsageError` or `ImageFileError`. */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CommandLine {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help === true) return { help: true };
  const options: { -readonly [K in keyof StartOptions]: StartOptions[K] } = {
    // An empty PORT or HOST (`PORT= npm start`) means unset, as shells and CI often leave them.
    port: integer('--port', values.port ?? (env.PORT || '8774'), 65535),
    host: values.host ?? (env.HOST || '127.0.0.1'),
  };
  if (values.data !== undefined) options.images = readImageFile(values.data);
  if (values.tenant !== undefined) {
    if (values.tenant === '') throw new UsageError('--tenant needs a name');
    options.tenant = values.tenant;
  }
  if (values.token !== undefined) {
    const tokens: Record<string, string> = {};
    for (const spec of values.token) {
      const colon = spec.lastIndexOf(':');
      if (colon <= 0 || colon === spec.length - 1) {
        throw new UsageError(`--token takes TOKEN:TENANT, not ${JSON.stringify(spec)}`);
      }
      tokens[spec.slice(0, colon)] = spec.slice(colon + 1);
    }
    options.tokens = tokens;
  }
  if (values.latency !== undefined) options.latency = integer('--latency', values.latency, 600_000);
  if (values['base-url'] !== undefined) options.baseUrl = url('--base-url', values['base-url']);
  if (values['glance-base-url'] !== undefined)
    options.glanceBaseUrl = url('--glance-base-url', values['glance-base-url']);
  if (values['identity-url'] !== undefined) options.identityUrl = url('--identity-url', values['identity-url']);
  return { help: false, options };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      tenant: { type: 'string' },
      token: { type: 'string', multiple: true },
      latency: { type: 'string' },
      'base-url': { type: 'string' },
      'glance-base-url': { type: 'string' },
      'identity-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function integer(flag: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) > max) {
    throw new UsageError(`${flag} takes an integer from 0 to ${max}, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function url(flag: string, text: string): string {
  if (!/^https?:\/\/[^/]/.test(text)) {
    throw new UsageError(`${flag} takes an http:// or https:// URL, not ${JSON.stringify(text)}`);
  }
  return text;
}
