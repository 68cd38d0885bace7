import { describe, expect, it } from 'vitest';
import { parseCommandLine, USAGE, UsageError } from './command-line.ts';

function refused(argv: string[]): string {
  try {
    parseCommandLine(argv, {});
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected the command line to be refused');
}

describe('the command line of openstack-image-mock', () => {
  it('defaults to 127.0.0.1:8774, and PORT and HOST override', () => {
    expect(parseCommandLine([], {})).toEqual({ help: false, options: { port: 8774, host: '127.0.0.1' } });
    expect(parseCommandLine([], { PORT: '9000', HOST: '0.0.0.0' })).toEqual({
      help: false,
      options: { port: 9000, host: '0.0.0.0' },
    });
    expect(parseCommandLine([], { PORT: '', HOST: '' })).toEqual({
      help: false,
      options: { port: 8774, host: '127.0.0.1' },
    });
    expect(parseCommandLine(['--port', '0', '--host', '::1'], { PORT: '9000', HOST: 'x' })).toEqual({
      help: false,
      options: { port: 0, host: '::1' },
    });
  });

  it('reads every option', () => {
    const command = parseCommandLine(
      [
        '--token',
        'a:openstack',
        '--token=b:c:acme',
        '--latency',
        '25',
        '--tenant',
        'demo',
        '--base-url',
        'http://openstack.example.com',
        '--glance-base-url',
        'http://glance.openstack.example.com',
        '--identity-url',
        'http://127.0.0.1:5000/v3',
      ],
      {},
    );
    expect(command).toEqual({
      help: false,
      options: {
        port: 8774,
        host: '127.0.0.1',
        tenant: 'demo',
        tokens: { a: 'openstack', 'b:c': 'acme' },
        latency: 25,
        baseUrl: 'http://openstack.example.com',
        glanceBaseUrl: 'http://glance.openstack.example.com',
        identityUrl: 'http://127.0.0.1:5000/v3',
      },
    });
  });

  it('answers --help and -h', () => {
    expect(parseCommandLine(['--help'], {})).toEqual({ help: true });
    expect(parseCommandLine(['-h'], {})).toEqual({ help: true });
    expect(USAGE).toContain('--token TOKEN:TENANT');
  });

  it.each([
    [['--port', 'http'], '--port takes an integer from 0 to 65535, not "http"'],
    [['--port', '70000'], '--port takes an integer from 0 to 65535, not "70000"'],
    [['--latency=-5'], '--latency takes an integer from 0 to 600000, not "-5"'],
    [['--latency', '1.5'], '--latency takes an integer from 0 to 600000, not "1.5"'],
    [['--token', 'no-tenant'], '--token takes TOKEN:TENANT, not "no-tenant"'],
    [['--token', 'token:'], '--token takes TOKEN:TENANT, not "token:"'],
    [
      ['--base-url', 'openstack.example.com'],
      '--base-url takes an http:// or https:// URL, not "openstack.example.com"',
    ],
    [['--tenant', ''], '--tenant needs a name'],
    [['--verbose'], "Unknown option '--verbose'"],
    [['serve'], 'Unexpected argument'],
  ])('refuses %o: %s', (argv, message) => {
    expect(refused(argv)).toContain(message);
  });

  it('refuses a PORT it cannot use', () => {
    expect(() => parseCommandLine([], { PORT: 'eighty' })).toThrow(
      '--port takes an integer from 0 to 65535, not "eighty"',
    );
  });
});
