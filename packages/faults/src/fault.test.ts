import { describe, expect, it } from 'vitest';
import {
  FAULT_NAMES,
  FAULT_STATUS,
  Fault,
  faultNameForStatus,
  isFault,
  isFaultName,
  statusForFaultName,
} from './index.ts';

describe('the fault table (WIRE.md)', () => {
  it('maps every fault to the status WIRE.md gives', () => {
    expect(FAULT_STATUS).toEqual({
      badRequest: 400,
      unauthorized: 401,
      forbidden: 403,
      itemNotFound: 404,
      badMethod: 405,
      conflictingRequest: 409,
      overLimit: 413,
      badMediaType: 415,
      computeFault: 500,
      notImplemented: 501,
      serviceUnavailable: 503,
    });
    expect(FAULT_NAMES).toHaveLength(11);
  });

  it('maps every status back to its name, 429 to overLimit and any other error status to computeFault', () => {
    for (const name of FAULT_NAMES) expect(faultNameForStatus(statusForFaultName(name))).toBe(name);
    expect(faultNameForStatus(429)).toBe('overLimit');
    for (const status of [402, 406, 410, 418, 422, 500, 502, 504, 599]) {
      expect(faultNameForStatus(status)).toBe('computeFault');
    }
  });

  it('knows its names and nothing else', () => {
    expect(isFaultName('itemNotFound')).toBe(true);
    expect(isFaultName('ItemNotFound')).toBe(false);
    expect(isFaultName('toString')).toBe(false);
    expect(isFaultName('__proto__')).toBe(false);
    expect(isFaultName(404)).toBe(false);
  });
});

describe('Fault', () => {
  it('takes its code from the table unless given one', () => {
    const notFound = new Fault('itemNotFound', 'Image not found.');
    expect(notFound).toBeInstanceOf(Error);
    expect(notFound.name).toBe('itemNotFound');
    expect(notFound.code).toBe(404);
    expect(notFound.message).toBe('Image not found.');
    expect(notFound.details).toBeUndefined();
    expect('details' in notFound).toBe(false);
    expect(new Fault('computeFault', 'x').code).toBe(500);
    expect(new Fault('overLimit', 'x').code).toBe(413);
  });

  it('carries code, details and retryAfter as given', () => {
    const fault = new Fault('overLimit', 'Too many requests.', { code: 429, retryAfter: '60', details: 'slow down' });
    expect(fault.code).toBe(429);
    expect(fault.retryAfter).toBe('60');
    expect(fault.details).toBe('slow down');
    expect(fault.toJSON()).toEqual({
      code: 429,
      message: 'Too many requests.',
      details: 'slow down',
      retryAfter: '60',
    });
  });

  it('says where a decoding problem is', () => {
    const fault = new Fault('badRequest', 'minDisk must be an integer >= 0 at /image/minDisk', {
      where: '/image/minDisk',
    });
    expect(fault.where).toBe('/image/minDisk');
  });

  it('refuses a name that is not a fault', () => {
    expect(() => new Fault('nope' as never, 'x')).toThrow(TypeError);
  });

  it('prints its name in a stack trace', () => {
    expect(String(new Fault('forbidden', 'No.'))).toBe('forbidden: No.');
  });
});

describe('isFault', () => {
  it('is true for a Fault and false for look-alikes', () => {
    expect(isFault(new Fault('badRequest', 'x'))).toBe(true);
    expect(isFault(new Error('x'))).toBe(false);
    expect(isFault({ name: 'badRequest', code: 400, message: 'x' })).toBe(false);
    expect(isFault(null)).toBe(false);
    expect(isFault(undefined)).toBe(false);
    expect(isFault('badRequest')).toBe(false);
  });

  it('holds across two copies of the package', async () => {
    // A query string makes the module loader instantiate a second, separate copy of the module.
    const specifier = './fault.ts?second-copy';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./fault.ts');
    expect(copy.Fault).not.toBe(Fault);
    const foreign = new copy.Fault('itemNotFound', 'Image not found.');
    expect(foreign instanceof Fault).toBe(false);
    expect(isFault(foreign)).toBe(true);
    expect(copy.isFault(new Fault('badRequest', 'x'))).toBe(true);
  });
});
