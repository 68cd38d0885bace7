import { isFault } from '@openstack-image/faults';
import { describe, expect, it } from 'vitest';
import { jsonCodec } from './index.ts';
import { faultSummary } from './test-helpers.ts';

const { decodeFault } = jsonCodec;

function read(body: string): Record<string, unknown> {
  const fault = decodeFault(body);
  expect(isFault(fault)).toBe(true);
  return {
    name: fault.name,
    code: fault.code,
    message: fault.message,
    details: fault.details,
    retryAfter: fault.retryAfter,
  };
}

describe('decoding a fault body', () => {
  it('returns the Fault it reports, with code, message, details and retryAfter', () => {
    expect(
      read(
        '{"overLimit": {"code": 413, "message": "OverLimit Retry...", "details": "d", "retryAfter": "2010-08-01T00:00:00Z"}}',
      ),
    ).toEqual({
      name: 'overLimit',
      code: 413,
      message: 'OverLimit Retry...',
      details: 'd',
      retryAfter: '2010-08-01T00:00:00Z',
    });
  });

  it('keeps the code the body gives, even where the table says otherwise (429 for overLimit)', () => {
    expect(read('{"overLimit": {"code": 429, "message": "m"}}')).toMatchObject({ name: 'overLimit', code: 429 });
  });

  it("takes a missing code from the fault's own status", () => {
    expect(read('{"itemNotFound": {"message": "gone"}}')).toMatchObject({ name: 'itemNotFound', code: 404 });
  });

  it('tolerates the code as a numeric string', () => {
    expect(read('{"itemNotFound": {"code": "404", "message": "gone"}}')).toMatchObject({ code: 404 });
  });

  it.each([
    [404, 'itemNotFound'],
    [413, 'overLimit'],
    [429, 'overLimit'],
    [400, 'badRequest'],
    [502, 'computeFault'],
    [418, 'computeFault'],
  ])('names a body whose single member is not a fault name by its code %i: %s', (code, name) => {
    expect(read(`{"instanceFault": {"code": ${code}, "message": "m"}}`)).toMatchObject({ name, code });
  });

  it('finds the fault member among others', () => {
    expect(read('{"request_id": "req-1", "badRequest": {"code": 400, "message": "m"}}')).toMatchObject({
      name: 'badRequest',
    });
  });

  it('reads null details and retryAfter as absent, a number of seconds as its text', () => {
    expect(read('{"overLimit": {"code": 413, "message": "m", "details": null, "retryAfter": 60}}')).toEqual({
      name: 'overLimit',
      code: 413,
      message: 'm',
      details: undefined,
      retryAfter: '60',
    });
  });

  it('ignores members it does not know', () => {
    expect(read('{"badRequest": {"code": 400, "message": "m", "request_id": "req-1"}}')).toMatchObject({
      message: 'm',
    });
  });

  it.each([
    ['{"badRequest": {"code": "abc", "message": "m"}}', '/badRequest/code'],
    ['{"badRequest": {"code": 99, "message": "m"}}', '/badRequest/code'],
    ['{"badRequest": {"code": 600, "message": "m"}}', '/badRequest/code'],
    ['{"badRequest": {"code": 400.5, "message": "m"}}', '/badRequest/code'],
    ['{"instanceFault": {"message": "m"}}', '/instanceFault/code'],
    ['{"badRequest": {"code": 400}}', '/badRequest/message'],
    ['{"badRequest": {"code": 400, "message": 5}}', '/badRequest/message'],
    ['{"badRequest": {"code": 400, "message": "m", "details": {}}}', '/badRequest/details'],
    ['{"overLimit": {"code": 413, "message": "m", "retryAfter": -1}}', '/overLimit/retryAfter'],
    ['{"badRequest": "Bad Request"}', '/badRequest'],
    ['{"a": {}, "b": {}}', '/'],
    ['{}', '/'],
  ])('refuses %s, naming %s', (body, where) => {
    expect(faultSummary(() => decodeFault(body))).toMatchObject({ name: 'badRequest', code: 400, where });
  });
});
