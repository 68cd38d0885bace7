import { parseCommandLine, USAGE, UsageError } from './command-line.ts';
import { ImageFileError } from './image-file.ts';
import { SEED_IMAGE_ID, SEED_TENANT } from './seed-images.ts';
import { type GlanceServer, type MockServer, type StartOptions, start, startOnGlance } from './start.ts';

/** What the command talks to: the process in `bin.ts`, something else in tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Where SIGINT and SIGTERM come from. */
  readonly signals: { once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  /** Called once the server listens (tests use it to reach the server). */
  readonly started?: (server: MockServer | GlanceServer) => void;
}

/**
 * The `openstack-image-mock` command: starts the server, prints its URL and two `curl` commands,
 * and on SIGINT or SIGTERM lets requests in flight complete and stops. Resolves the exit code:
 * 0 after a clean stop or `--help`, 2 for a command line or data file it cannot use, 1 when the
 * server cannot start (a port in use).
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> {
  let server: MockServer | GlanceServer;
  let text: string;
  let tenant = SEED_TENANT;
  let tokens: StartOptions['tokens'];
  try {
    const command = parseCommandLine(argv, env);
    if (command.help) {
      io.out(USAGE);
      return 0;
    }
    tenant = command.options.tenant ?? SEED_TENANT;
    tokens = command.options.tokens;
    if (command.glance === undefined) {
      const mock = await start(command.options);
      server = mock;
      text = banner(mock, tenant, tokens);
    } else {
      server = await startOnGlance({ ...command.options, glance: command.glance });
      text = glanceBanner(server.url, command.glance.url, command.glance.identity ?? 'trusted', tenant, tokens);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ImageFileError) {
      io.err(`openstack-image-mock: ${error.message}\n`);
      return 2;
    }
    io.err(`openstack-image-mock: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  io.out(text);
  io.started?.(server);
  await new Promise<void>((resolve) => {
    io.signals.once('SIGINT', resolve);
    io.signals.once('SIGTERM', resolve);
  });
  io.out('Stopping: answering the requests in flight…\n');
  await server.close();
  io.out('Stopped.\n');
  return 0;
}

function glanceBanner(
  url: string,
  glance: string,
  identity: string,
  tenant: string,
  tokens: StartOptions['tokens'],
): string {
  const root = `${url}/v2/${encodeURIComponent(tenant)}/images`;
  const token = tokenOf(tokens, tenant);
  const auth =
    token !== undefined
      ? `-H 'X-Auth-Token: ${token}' `
      : identity === 'pass-through'
        ? "-H 'X-Auth-Token: $OS_TOKEN' "
        : '';
  const lines = [
    `OpenStack Images API listening on ${url}, on the Glance at ${glance} (identity: ${identity})`,
    'Try:',
    `  curl ${auth}-H 'Accept: application/xml' ${root}`,
    `  curl ${auth}-H 'Accept: application/json' '${root}/detail?limit=2'`,
    'Ctrl-C stops it.',
  ];
  return `${lines.join('\n')}\n`;
}

/** A token of the tenant, to show in the curl commands. */
function tokenOf(tokens: StartOptions['tokens'], tenant: string): string | undefined {
  const entries = tokens === undefined ? [] : tokens instanceof Map ? [...tokens] : Object.entries(tokens);
  return entries.find(([, owner]) => owner === tenant)?.[0];
}

function banner(server: MockServer, tenant: string, tokens: StartOptions['tokens']): string {
  const images = server.store.all(tenant);
  const example = images.find((image) => image.id === SEED_IMAGE_ID) ?? images[0];
  const root = `${server.url}/v2/${encodeURIComponent(tenant)}/images`;
  const token = tokenOf(tokens, tenant);
  const auth = token === undefined ? '' : `-H 'X-Auth-Token: ${token}' `;
  const lines = [
    `OpenStack Images API mock listening on ${server.url}`,
    `${images.length} image${images.length === 1 ? '' : 's'} of tenant "${tenant}"${tokens === undefined ? '' : ', token authentication on'}. Try:`,
    example === undefined
      ? `  curl ${auth}-H 'Accept: application/xml' ${root}`
      : `  curl ${auth}-H 'Accept: application/xml' ${root}/${encodeURIComponent(example.id)}`,
    `  curl ${auth}-H 'Accept: application/json' '${root}/detail?limit=2'`,
    'Ctrl-C stops it.',
  ];
  return `${lines.join('\n')}\n`;
}
