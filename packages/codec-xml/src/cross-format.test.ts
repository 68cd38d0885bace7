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
 * Where Nova itself wrote the two spellings differently (a null metadata value: JSON null, XML text
 * None), the conformance vectors are the home of the named exception and its reason
 * (`@openstack-image/conformance`, `cross-format/nova/...` vectors with `exception`
 * `nova-null-metadata-value`); its tests run this codec through them. These four pairs are compared
 * there, not here.
 *
 * Not an exception: the OS-EXT-IMG-SIZE sample sends the size as the string "74185822" in JSON and
 * as the attribute text 74185822 in XML; both read as the number 74185822.
 */
const HAS_NULL_METADATA_VALUE = new Set([
  'nova/images-details-get-resp',
  'nova/images-details-resp',
  'nova/OS-DCF/image-list-resp',
  'nova/OS-EXT-IMG-SIZE/images-details-get-resp',
]);

describe('guarantee 4: a JSON and an XML document of the same resource decode to deep-equal values', () => {
  it('has the Nova pairs and the guide faults to compare', () => {
    expect(pairs.filter((pair) => pair.name.startsWith('nova/')).length).toBeGreaterThanOrEqual(17);
    expect(pairs.filter((pair) => kindOf(`${pair.name}.xml`) === 'fault').length).toBe(7);
  });

  it('the seed: its JSON and its XML example', () => {
    const seed = seedDocuments();
    expect(xmlCodec.decodeImage(seed.xml)).toStrictEqual(jsonCodec.decodeImage(seed.json));
  });

  for (const pair of pairs.filter((p) => !HAS_NULL_METADATA_VALUE.has(p.name))) {
    const kind = kindOf(`${pair.name}.xml`);
    it(`${pair.name} (${kind})`, () => {
      const fromXml = decodeAs(xmlCodec, kind, pair.xml);
      const fromJson = decodeAs(jsonCodec, kind, pair.json);
      if (kind === 'fault') {
        expect(isFault(fromXml) && isFault(fromJson)).toBe(true);
        // A Fault's message is not enumerable: compare the wire's shape of each, and the names.
        const [x, j] = [fromXml as Fault, fromJson as Fault];
        expect({ name: x.name, ...x.toJSON() }).toStrictEqual({ name: j.name, ...j.toJSON() });
      } else {
        expect(fromXml).toStrictEqual(fromJson);
      }
    });
  }
});
