import { parseArgs } from 'node:util';
import { readImageFile } from './image-file.ts';
import type { GlanceOptions, StartOptions } from './start.ts';

export const USAGE: string = `Usage: openstack-image-mock [options]
       openstack-image-server --glance URL [options]

An OpenStack Compute API v2 Images server: by default a mock on an in-memory store, seeded with the
seed's image and Nova's sample images under tenant "openstack"; with --glance, Nova's images API in
front of a real Glance v2 (nothing kept in this process).

Options:
  --port N               port to listen on (default: $PORT or 8774; 0 takes any free port)
  --host ADDRESS         address to listen on (default: $HOST or 127.0.0.1)
  --data FILE            serve the images of FILE instead, a JSON detail list: {"images": [...]}
  --tenant NAME          the tenant the images belong to (default: openstack)
  --token TOKEN:TENANT   accept X-Auth-Token TOKEN for TENANT; repeatable; turns authentication on
  --latency MS           wait MS milliseconds before each answer
  --base-url URL         root of the links (default: the host each request names)
  --glance-base-url URL  root of the alternate links (default: the Glance URL, else the links' root)
  --identity-url URL     identity service a 401 names in WWW-Authenticate (default: the links' root)
  --glance URL           serve the images of the Glance v2 at URL instead of the in-memory store
  --identity MODE        with --glance: trusted (default; the path's or the token's tenant is sent as
                         Glance's identity headers) or pass-through (each X-Auth-Token goes to Glance)
  --glance-timeout MS    with --glance: how long Glance has to answer before a 503 (default 30000)
  --help                 print this and exit
`;

/** A command line that cannot be run, with a message saying what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type CommandLine =
  | { readonly help: true }
  | { readonly help: false; readonly options: StartOptions; readonly glance?: GlanceOptions };

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
    // A Map: a token spelled `__proto__` or `constructor` is a token like any other.
    const tokens = new Map<string, string>();
    for (const spec of values.token) {
      const colon = spec.lastIndexOf(':');
      if (colon <= 0 || colon === spec.length - 1) {
        throw new UsageError(`--token takes TOKEN:TENANT, not ${JSON.stringify(spec)}`);
      }
      tokens.set(spec.slice(0, colon), spec.slice(colon + 1));
    }
    options.tokens = tokens;
  }
  if (values.latency !== undefined) options.latency = integer('--latency', values.latency, 600_000);
  if (values['base-url'] !== undefined) options.baseUrl = url('--base-url', values['base-url']);
  if (values['glance-base-url'] !== undefined)
    options.glanceBaseUrl = url('--glance-base-url', values['glance-base-url']);
  if (values['identity-url'] !== undefined) options.identityUrl = url('--identity-url', values['identity-url']);
  if (values.glance === undefined) {
    for (const flag of ['identity', 'glance-timeout'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --glance URL`);
    }
    return { help: false, options };
  }
  if (values.data !== undefined) throw new UsageError('--data serves the in-memory store: leave it out with --glance');
  const identity = values.identity ?? 'trusted';
  if (identity !== 'trusted' && identity !== 'pass-through') {
    throw new UsageError(`--identity takes trusted or pass-through, not ${JSON.stringify(identity)}`);
  }
  if (identity === 'pass-through' && values.token !== undefined) {
    throw new UsageError('--token decides who is asking: it goes with --identity trusted, not pass-through');
  }
  const glance: { -readonly [K in keyof GlanceOptions]: GlanceOptions[K] } = {
    url: url('--glance', values.glance),
    identity,
  };
  if (values['glance-timeout'] !== undefined) {
    glance.timeout = integer('--glance-timeout', values['glance-timeout'], 600_000);
    if (glance.timeout === 0) throw new UsageError('--glance-timeout takes an integer from 1 to 600000, not "0"');
  }
  return { help: false, options, glance };
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
      glance: { type: 'string' },
      identity: { type: 'string' },
      'glance-timeout': { type: 'string' },
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
