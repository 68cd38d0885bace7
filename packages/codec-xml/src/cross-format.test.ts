import { jsonCodec } from '@openstack-image/codec-json';
import { type Fault, isFault } from '@openstack-image/faults';
import { samples, seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { xmlCodec } from './index.ts';
import { decodeAs, kindOf } from './test-samples.ts';

/**
 * Every Nova sample that has both spellings, and the developer guide's faults (its other pairs
 * contradict each other on purpose: WIRE.md).
 */
const json = new Map(samples('json').map((s) => [s.name, s.text]));
const isPaired = (name: string) =>
  (name.startsWith('nova/') || (name.startsWith('compute-api/') && kindOf(name) === 'fault')) &&
  json.has(name.replace(/\.xml$/, '.json'));
const pairs = samples('xml')
  .filter((s) => isPaired(s.name))
  .map((s) => ({
    name: s.name.replace(/\.xml$/, ''),
    xml: s.text,
    json: json.get(s.name.replace(/\.xml$/, '.json'))!,
  }));

/*
 * The exceptions, each where Nova itself wrote the two spellings differently:
 *
 * - A null metadata value. Nova's JSON says `"ramdisk_id": null`, its XML `<meta key="ramdisk_id">None</meta>`
 *   (Python's str(None): a bug of its XML serializer). By the reading rules the JSON null reads as
 *   the string 'null' and the XML text reads as the string 'None'; neither reader can know the other
 *   spelling was meant. The test checks that exactly these values differ, and nothing else.
 *
 * Not an exception: the OS-EXT-IMG-SIZE sample sends the size as the string "74185822" in JSON and
 * as the attribute text 74185822 in XML; both read as the number 74185822.
 */
const NULL_METADATA_VALUE = { key: 'ramdisk_id', json: 'null', xml: 'None' } as const;
const HAS_NULL_METADATA_VALUE = new Set([
  'nova/images-details-get-resp',
  'nova/images-details-resp',
  'nova/OS-DCF/image-list-resp',
  'nova/OS-EXT-IMG-SIZE/images-details-get-resp',
]);

/** The list with the null-metadata exception resolved: each side's spelling checked, then made one. */
function withoutNullException(list: { images: { metadata: Record<string, string> }[] }, side: 'json' | 'xml'): unknown {
  let seen = 0;
  const images = list.images.map((image) => {
    if (image.metadata[NULL_METADATA_VALUE.key] !== NULL_METADATA_VALUE[side]) return image;
    seen++;
    return { ...image, metadata: { ...image.metadata, [NULL_METADATA_VALUE.key]: '(null in Nova)' } };
  });
  expect(seen, `the null metadata value is spelled ${NULL_METADATA_VALUE[side]} in ${side}`).toBe(1);
  return { ...list, images };
}

describe('guarantee 4: a JSON and an XML document of the same resource decode to deep-equal values', () => {
  it('has the Nova pairs and the guide faults to compare', () => {
    expect(pairs.filter((pair) => pair.name.startsWith('nova/')).length).toBeGreaterThanOrEqual(17);
    expect(pairs.filter((pair) => kindOf(`${pair.name}.xml`) === 'fault').length).toBe(7);
  });

  it('the seed: its JSON and its XML example', () => {
    const seed = seedDocuments();
    expect(xmlCodec.decodeImage(seed.xml)).toStrictEqual(jsonCodec.decodeImage(seed.json));
  });

  for (const pair of pairs) {
    const kind = kindOf(`${pair.name}.xml`);
    const exception = HAS_NULL_METADATA_VALUE.has(pair.name);
    it(`${pair.name} (${kind})${exception ? ', but for the null metadata value' : ''}`, () => {
      const fromXml = decodeAs(xmlCodec, kind, pair.xml);
      const fromJson = decodeAs(jsonCodec, kind, pair.json);
      if (kind === 'fault') {
        expect(isFault(fromXml) && isFault(fromJson)).toBe(true);
        // A Fault's message is not enumerable: compare the wire's shape of each, and the names.
        const [x, j] = [fromXml as Fault, fromJson as Fault];
        expect({ name: x.name, ...x.toJSON() }).toStrictEqual({ name: j.name, ...j.toJSON() });
      } else if (exception) {
        expect(withoutNullException(fromXml as never, 'xml')).toStrictEqual(
          withoutNullException(fromJson as never, 'json'),
        );
      } else {
        expect(fromXml).toStrictEqual(fromJson);
      }
    });
  }
});
