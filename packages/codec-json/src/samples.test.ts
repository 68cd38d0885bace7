import { isFault, isFaultName } from '@openstack-image/faults';
import { samples } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { jsonCodec } from './index.ts';

/*
 * Guarantee 3 of CONTRACT.md for the JSON codec: every `.json` document under
 * reference/samples decodes (the faults as faults), and re-encoding it gives the same value, key
 * order aside, except where a reading rule of the model changes it: each such difference is listed
 * below with its reason, and a listed difference that no longer happens fails the test too.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Change = 'dropped' | 'added' | 'changed';
interface Difference {
  readonly pointer: string;
  readonly change: Change;
}
interface Exception extends Difference {
  /** The value the re-encoded document holds there (for `added` and `changed`). */
  readonly becomes?: Json;
  readonly reason: string;
}

/** Where two JSON values differ: members dropped or added, values changed. */
function differences(before: Json, after: Json, pointer = ''): Difference[] {
  const isObject = (value: Json): value is { [key: string]: Json } =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    const out: Difference[] = [];
    const token = (key: string) => `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key)) out.push({ pointer: token(key), change: 'dropped' });
      else out.push(...differences(before[key]!, after[key]!, token(key)));
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key)) out.push({ pointer: token(key), change: 'added' });
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => differences(item, after[i]!, `${pointer}/${i}`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ pointer, change: 'changed' }];
}

type Decoder = 'image' | 'list' | 'index' | 'metadata' | 'meta' | 'fault';

/** Which decoder a sample is for, by its top-level member. */
function decoderFor(document: Json): Decoder {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new Error('not an object');
  const keys = Object.keys(document);
  if (keys.includes('image')) return 'image';
  if (keys.includes('images')) {
    const images = document.images as { [key: string]: Json }[];
    const summaryOnly = images.every((entry) =>
      Object.keys(entry).every((key) => ['id', 'name', 'links'].includes(key)),
    );
    return summaryOnly ? 'index' : 'list';
  }
  if (keys.includes('metadata')) return 'metadata';
  if (keys.includes('meta')) return 'meta';
  if (keys.length === 1 && isFaultName(keys[0])) return 'fault';
  throw new Error(`no decoder for a document with members ${keys.join(', ')}`);
}

function reencode(decoder: Decoder, text: string | Uint8Array): string {
  switch (decoder) {
    case 'image':
      return jsonCodec.encodeImage(jsonCodec.decodeImage(text));
    case 'list':
      return jsonCodec.encodeImageList(jsonCodec.decodeImageList(text));
    case 'index':
      return jsonCodec.encodeImageIndex(jsonCodec.decodeImageIndex(text));
    case 'metadata':
      return jsonCodec.encodeMetadata(jsonCodec.decodeMetadata(text));
    case 'meta':
      return jsonCodec.encodeMetaItem(jsonCodec.decodeMetaItem(text));
    case 'fault':
      return jsonCodec.encodeFault(jsonCodec.decodeFault(text));
  }
}

const WHY = {
  unknown: 'not a member of the model: the reading rules drop unknown members (the guide shows it; Nova never sent it)',
  absentIsNull: 'name, created and updated are always present in the model: absent reads as null, written as null',
  absentMetadata: 'metadata is always present in the model (XML always writes <metadata>): absent reads as {}',
  absentLinks: 'server.links is always present in the model: absent reads as []',
  nullValue:
    "metadata values are strings: Nova's null is kept as its JSON text 'null' (its XML wrote None; CONTRACT.md guarantee 4)",
  sizeText: 'OS-EXT-IMG-SIZE:size is an integer in the model: the numeric string Nova sent reads as its number',
  pagedMetadata:
    "the guide's metadata paging form, which Nova never served: values and links are non-string metadata values, kept as their JSON text",
} as const;

const NOVA_SIZES = ['74185822', '25165824', '58145823', '49163826', '26360814', '84035174', '83594576'];

/** The differences each sample is allowed, with their reasons: every other sample re-encodes to the same value. */
const EXCEPTIONS: Readonly<Record<string, readonly Exception[]>> = {
  'compute-api/image-fault.json': [
    { pointer: '/image/fault', change: 'dropped', reason: WHY.unknown },
    { pointer: '/image/metadata', change: 'added', becomes: {}, reason: WHY.absentMetadata },
    { pointer: '/image/server/links', change: 'added', becomes: [], reason: WHY.absentLinks },
    { pointer: '/image/updated', change: 'added', becomes: null, reason: WHY.absentIsNull },
  ],
  'compute-api/image-meta-page1.json': [
    { pointer: '/image/created', change: 'added', becomes: null, reason: WHY.absentIsNull },
    { pointer: '/image/metadata_links', change: 'dropped', reason: WHY.unknown },
    { pointer: '/image/updated', change: 'added', becomes: null, reason: WHY.absentIsNull },
  ],
  'compute-api/image-simple.json': [
    { pointer: '/image/created', change: 'added', becomes: null, reason: WHY.absentIsNull },
    { pointer: '/image/metadata', change: 'added', becomes: {}, reason: WHY.absentMetadata },
    { pointer: '/image/updated', change: 'added', becomes: null, reason: WHY.absentIsNull },
  ],
  'compute-api/image.json': [
    { pointer: '/image/metadata', change: 'added', becomes: {}, reason: WHY.absentMetadata },
    { pointer: '/image/tenant_id', change: 'dropped', reason: WHY.unknown },
    { pointer: '/image/user_id', change: 'dropped', reason: WHY.unknown },
  ],
  'compute-api/images.json': [
    { pointer: '/images/0/tenant_id', change: 'dropped', reason: WHY.unknown },
    { pointer: '/images/0/user_id', change: 'dropped', reason: WHY.unknown },
    { pointer: '/images/1/metadata', change: 'added', becomes: {}, reason: WHY.absentMetadata },
    { pointer: '/images/1/tenant_id', change: 'dropped', reason: WHY.unknown },
    { pointer: '/images/1/user_id', change: 'dropped', reason: WHY.unknown },
  ],
  'compute-api/metadata-page1.json': [
    {
      pointer: '/metadata/links',
      change: 'changed',
      becomes:
        '[{"rel":"next","href":"http://servers.api.openstack.org/v2/1234/servers/meta?limit=1&marker=Image%20Version"}]',
      reason: WHY.pagedMetadata,
    },
    {
      pointer: '/metadata/values',
      change: 'changed',
      becomes: '{"Server Label":"Web Head 1","Image Version":"2.1"}',
      reason: WHY.pagedMetadata,
    },
  ],
  'nova/OS-DCF/image-list-resp.json': [
    { pointer: '/images/4/metadata/ramdisk_id', change: 'changed', becomes: 'null', reason: WHY.nullValue },
  ],
  'nova/OS-EXT-IMG-SIZE/image-get-resp.json': [
    { pointer: '/image/OS-EXT-IMG-SIZE:size', change: 'changed', becomes: 74185822, reason: WHY.sizeText },
  ],
  'nova/OS-EXT-IMG-SIZE/images-details-get-resp.json': [
    ...NOVA_SIZES.map(
      (size, i): Exception => ({
        pointer: `/images/${i}/OS-EXT-IMG-SIZE:size`,
        change: 'changed',
        becomes: Number(size),
        reason: WHY.sizeText,
      }),
    ),
    { pointer: '/images/4/metadata/ramdisk_id', change: 'changed', becomes: 'null', reason: WHY.nullValue },
  ],
  'nova/images-details-get-resp.json': [
    { pointer: '/images/4/metadata/ramdisk_id', change: 'changed', becomes: 'null', reason: WHY.nullValue },
  ],
  'nova/images-details-resp.json': [
    { pointer: '/images/4/metadata/ramdisk_id', change: 'changed', becomes: 'null', reason: WHY.nullValue },
  ],
};

/** The value at a JSON pointer of a document. */
function valueAt(document: Json, pointer: string): Json | undefined {
  let node: Json | undefined = document;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, Json>)[key];
  }
  return node;
}

function byPointer(a: { pointer: string; change: string }, b: { pointer: string; change: string }): number {
  return a.pointer === b.pointer ? a.change.localeCompare(b.change) : a.pointer < b.pointer ? -1 : 1;
}

const all = samples('json');
const utf8 = new TextEncoder();

describe('guarantee 3: every JSON sample decodes and re-encodes to the same value', () => {
  it('reads every sample there is, and names no exception for a sample that is not there', () => {
    expect(all.length).toBeGreaterThanOrEqual(38);
    const names = new Set(all.map((sample) => sample.name));
    for (const name of Object.keys(EXCEPTIONS)) expect(names).toContain(name);
  });

  it.each(all.map((sample) => [sample.name, sample] as const))('%s', (name, sample) => {
    const original = JSON.parse(sample.text) as Json;
    const decoder = decoderFor(original);
    const text = reencode(decoder, sample.text);
    expect(reencode(decoder, utf8.encode(sample.text))).toBe(text);
    const again = JSON.parse(text) as Json;
    const found = differences(original, again)
      .map((difference) =>
        difference.change === 'dropped' ? difference : { ...difference, becomes: valueAt(again, difference.pointer) },
      )
      .sort(byPointer);
    const expected = (EXCEPTIONS[name] ?? []).map(({ reason: _, ...difference }) => difference).sort(byPointer);
    expect(found).toEqual(expected);
  });
});

describe('the fault samples decode as the faults they report', () => {
  const faults = all.filter((sample) => decoderFor(JSON.parse(sample.text) as Json) === 'fault');

  it('finds every fault sample of the guide', () => {
    expect(faults.map((sample) => sample.name)).toEqual([
      'compute-api/badmediatype.json',
      'compute-api/badmethod.json',
      'compute-api/badrequest.json',
      'compute-api/fault.json',
      'compute-api/forbidden.json',
      'compute-api/notfound.json',
      'compute-api/overlimit.json',
    ]);
  });

  type FaultBody = { code: number; message: string; details?: string; retryAfter?: string };

  it.each(faults.map((sample) => [sample.name, sample] as const))('%s', (_, sample) => {
    const document = JSON.parse(sample.text) as Record<string, FaultBody>;
    const [[name, body]] = Object.entries(document) as [[string, FaultBody]];
    const fault = jsonCodec.decodeFault(sample.text);
    expect(isFault(fault)).toBe(true);
    expect(fault.name).toBe(name);
    expect(fault.code).toBe(body.code);
    expect(fault.message).toBe(body.message);
    expect(fault.details).toBe(body.details);
    expect(fault.retryAfter).toBe(body.retryAfter);
  });

  it("reads overlimit.json's retryAfter (the one sample that has it)", () => {
    const fault = jsonCodec.decodeFault(all.find((sample) => sample.name === 'compute-api/overlimit.json')!.text);
    expect([fault.name, fault.code, fault.retryAfter]).toEqual(['overLimit', 413, '2010-08-01T00:00:00Z']);
  });
});
