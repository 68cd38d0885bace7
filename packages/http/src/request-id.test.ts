import { describe, expect, it } from 'vitest';
import { newRequestId } from './request-id.ts';

const UUID_V4 = /^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('are req- and a version 4 UUID, all different, across refills of the random pool', () => {
    const ids = Array.from({ length: 256 * 3 + 7 }, newRequestId);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('use every hex digit in every free position (the bytes are random, not a counter)', () => {
    const ids = Array.from({ length: 2000 }, newRequestId);
    for (const position of [4, 11, 14, 20, 25, 30, 39]) {
      expect(new Set(ids.map((id) => id[position])).size, `position ${position}`).toBe(16);
    }
  });
});
