import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFault } from '@openstack-image/faults';
import type { Codec } from '@openstack-image/schema';
import { parseFailureList } from './failure-list.ts';
import { runHttpConformance } from './http/run-http-conformance.ts';
import { loadVectors } from './load-vectors.ts';
import { jsonReport } from './report/json-report.ts';
import { junitReport } from './report/junit-report.ts';
import { textReport } from './report/text-report.ts';
import { conformancePassed, type VectorResult } from './result.ts';
import { runConformance } from './run-conformance.ts';

export const USAGE = `Usage: openstack-image-conformance [--codec MODULE]... [--url URL [--token T] [--image ID] [--read-only]]
                                   [--failure-list FILE] [--strict] [--filter TAG]... [--reporter text|json|junit]
                                   [--output FILE] [--vectors DIR]

  --codec MODULE        a module exporting a Codec (default export, or any export with mediaType and
                        decodeImage); repeat for both formats: cross-format vectors need both
  --url URL             run the HTTP checks against a live server: http://host:port/v2/TENANT
  --token T             X-Auth-Token for --url (the 401 checks run too)
  --image ID            the image the HTTP checks read and write (default: the first listed)
  --read-only           no HTTP check that writes (metadata writes are restored otherwise)
  --failure-list FILE   ids known to fail, one a line (# comments); a listed id that passes fails the run
  --strict              recommended vectors count too
  --filter TAG          only vectors with this tag or id (kind, operation, json, xml, escaping, ...)
  --reporter NAME       text (default: a table, colour on a terminal), json, or junit (JUnit XML)
  --output FILE         write the report there instead of standard output
  --vectors DIR         another folder with a manifest.json (default: the vectors this package ships)

Exit status: 0 when the run passes, 1 when it does not, 2 for a command line it cannot use.
`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether standard output is a terminal (colour). */
  readonly isTTY?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

interface CommandLine {
  codecs: string[];
  url?: string;
  token?: string;
  image?: string;
  readOnly: boolean;
  failureList?: string;
  strict: boolean;
  filters: string[];
  reporter: 'text' | 'json' | 'junit';
  output?: string;
  vectors?: string;
  help: boolean;
}

class UsageError extends Error {}

function parse(argv: readonly string[]): CommandLine {
  const line: CommandLine = { codecs: [], readOnly: false, strict: false, filters: [], reporter: 'text', help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--')))
        throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--codec':
        line.codecs.push(value());
        break;
      case '--url':
        line.url = value();
        break;
      case '--token':
        line.token = value();
        break;
      case '--image':
        line.image = value();
        break;
      case '--read-only':
        line.readOnly = true;
        break;
      case '--failure-list':
        line.failureList = value();
        break;
      case '--strict':
        line.strict = true;
        break;
      case '--filter':
        line.filters.push(value());
        break;
      case '--reporter': {
        const reporter = value();
        if (reporter !== 'text' && reporter !== 'json' && reporter !== 'junit') {
          throw new UsageError(`--reporter ${reporter}: expected text, json or junit`);
        }
        line.reporter = reporter;
        break;
      }
      case '--output':
        line.output = value();
        break;
      case '--vectors':
        line.vectors = value();
        break;
      case '-h':
      case '--help':
        line.help = true;
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (!line.help && line.codecs.length === 0 && line.url === undefined)
    throw new UsageError('give --codec MODULE or --url URL');
  if (line.url === undefined && (line.token !== undefined || line.image !== undefined || line.readOnly)) {
    throw new UsageError('--token, --image and --read-only go with --url');
  }
  return line;
}

function readList(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--failure-list ${path}: ${(error as Error).message}`);
  }
}

function looksLikeCodec(value: unknown): value is Codec {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Codec).mediaType === 'string' &&
    typeof (value as Codec).decodeImage === 'function'
  );
}

async function importCodecs(specifier: string, cwd: string): Promise<Codec[]> {
  const target = /^[./]/.test(specifier) ? pathToFileURL(resolve(cwd, specifier)).href : specifier;
  let module: Record<string, unknown>;
  try {
    module = (await import(target)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`--codec ${specifier}: cannot import it: ${(error as Error).message}`);
  }
  const found = looksLikeCodec(module.default) ? [module.default] : Object.values(module).filter(looksLikeCodec);
  if (found.length === 0)
    throw new UsageError(`--codec ${specifier}: exports no Codec (an object with mediaType and decodeImage)`);
  return found;
}

/** The command: parses the line, runs what it names, writes the report, and resolves the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  let line: CommandLine;
  try {
    line = parse(argv);
  } catch (error) {
    io.err(`openstack-image-conformance: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (line.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    const failureList =
      line.failureList === undefined ? [] : parseFailureList(readList(resolve(cwd, line.failureList)));
    const level = line.strict ? 'recommended' : 'required';
    const filter = line.filters.length > 0 ? line.filters : undefined;
    const started = performance.now();
    let results: VectorResult[] = [];
    const common = { level, ...(filter === undefined ? {} : { filter }) } as const;
    if (line.codecs.length > 0) {
      const codecs = (await Promise.all(line.codecs.map((codec) => importCodecs(codec, cwd)))).flat();
      const vectors = loadVectors(...(line.vectors === undefined ? [] : [resolve(cwd, line.vectors)]));
      results = runConformance(codecs, { ...common, vectors, failureList });
    }
    if (line.url !== undefined) {
      const http = await runHttpConformance({
        ...common,
        url: line.url,
        readOnly: line.readOnly,
        failureList,
        ...(line.token === undefined ? {} : { token: line.token }),
        ...(line.image === undefined ? {} : { image: line.image }),
      });
      results = line.codecs.length > 0 ? mergeFailureLists(results, http, failureList) : http;
    }
    const ms = performance.now() - started;
    const colour = line.output === undefined && io.isTTY === true && !io.env?.NO_COLOR;
    const report =
      line.reporter === 'json'
        ? jsonReport(results, { ms })
        : line.reporter === 'junit'
          ? junitReport(results, { ms })
          : textReport(results, { colour, ms });
    if (line.output === undefined) io.out(report);
    else {
      writeFileSync(resolve(cwd, line.output), report);
      io.err(`${conformancePassed(results) ? 'PASS' : 'FAIL'}: report written to ${line.output}\n`);
    }
    return conformancePassed(results) ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError || isFault(error)) {
      io.err(`openstack-image-conformance: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * One failure list serves a run of codecs and a server at once: an id is unknown only when it
 * names neither a vector nor an HTTP check.
 */
function mergeFailureLists(a: VectorResult[], b: VectorResult[], list: readonly string[]): VectorResult[] {
  const known = new Set([...a, ...b].filter((r) => r.kind !== undefined).map((r) => r.id));
  const unknown = (r: VectorResult) => r.kind === undefined && list.includes(r.id);
  const merged = [...a, ...b].filter((r) => !unknown(r) || !known.has(r.id));
  const seen = new Set<string>();
  return merged.filter((r) => r.kind !== undefined || (!seen.has(r.id) && seen.add(r.id)));
}
