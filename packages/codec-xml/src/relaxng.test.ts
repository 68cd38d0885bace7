import type { Image, ImageIndex, ImageList } from '@openstack-image/schema';
import { samples, seedDocuments } from '@openstack-image/test-support';
import { type Verdict, relaxNg as validate } from '@openstack-image/test-support/relaxng';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlCodec } from './index.ts';
import { arbitraries, schemaImage, schemaIndex } from './test-arbitraries.ts';
import { decodeAs, kindOf } from './test-samples.ts';

const SAMPLE = { seed: 20141016 } as const;

/** Nova's schemas for the image resources (`reference/schemas/nova/v1.1/<schema>.rng`). */
function relaxNg(schema: 'image' | 'images' | 'images_index' | 'metadata', documents: readonly string[]): Verdict[] {
  return validate(`nova/v1.1/${schema}.rng`, documents);
}

/** Expects every verdict valid, naming the first document libxml2 turned down. */
function expectAllValid(verdicts: Verdict[], documents: readonly string[]): void {
  const failed = verdicts.findIndex((v) => !v.valid);
  expect(failed, failed < 0 ? '' : `${verdicts[failed]!.output}\n${documents[failed]}`).toBe(-1);
}

/** Nova's image.rng requires these and has no room for the extension attributes. */
function fitsImageRng(image: Image): boolean {
  return (
    image.name !== null &&
    image.created !== null &&
    image.updated !== null &&
    image.status !== undefined &&
    image['OS-EXT-IMG-SIZE:size'] === undefined &&
    image['OS-DCF:diskConfig'] === undefined
  );
}

describe('guarantee 5: encoded images, lists, indexes and metadata validate against Nova RELAX NG schemas (libxml2)', () => {
  it('the validator turns down what the schema does not allow (an image without name and status)', () => {
    const image: Image = { id: '1', name: null, created: null, updated: null, metadata: {}, links: [] };
    const [verdict] = relaxNg('image', [xmlCodec.encodeImage(image)]);
    expect(verdict!.valid).toBe(false);
  });

  it("the validator follows the schemas' external atom-link.rng (a link without href is turned down)", () => {
    const image = xmlCodec.decodeImage(seedDocuments().xml);
    const [good] = relaxNg('image', [xmlCodec.encodeImage(image)]);
    const [bad] = relaxNg('image', [xmlCodec.encodeImage(image).replace(' href=', ' hrefx=')]);
    expect(good).toEqual({ valid: true, output: '' });
    expect(bad!.valid).toBe(false);
    expect(bad!.output).toMatch(/hrefx/);
  });

  it('the re-encoded seed and samples that carry what the schemas require', () => {
    const byKind = { image: [] as string[], list: [] as string[], index: [] as string[], metadata: [] as string[] };
    byKind.image.push(xmlCodec.encodeImage(xmlCodec.decodeImage(seedDocuments().xml)));
    for (const sample of samples('xml')) {
      const kind = kindOf(sample.name);
      const value = decodeAs(xmlCodec, kind, sample.text);
      if (kind === 'image' && fitsImageRng(value as Image)) byKind.image.push(xmlCodec.encodeImage(value as Image));
      if (kind === 'list') {
        const list = value as ImageList;
        if (list.images_links === undefined && list.images.every(fitsImageRng))
          byKind.list.push(xmlCodec.encodeImageList(list));
      }
      if (kind === 'index') {
        const index = value as ImageIndex;
        if (index.images.every((entry) => entry.name !== null)) byKind.index.push(xmlCodec.encodeImageIndex(index));
      }
      if (kind === 'metadata') byKind.metadata.push(xmlCodec.encodeMetadata(value as never));
    }
    expect(byKind.image.length).toBeGreaterThanOrEqual(3);
    expect(byKind.list.length).toBeGreaterThanOrEqual(3);
    expect(byKind.index.length).toBeGreaterThanOrEqual(5);
    expect(byKind.metadata.length).toBeGreaterThanOrEqual(8);
    expectAllValid(relaxNg('image', byKind.image), byKind.image);
    expectAllValid(relaxNg('images', byKind.list), byKind.list);
    expectAllValid(relaxNg('images_index', byKind.index), byKind.index);
    expectAllValid(relaxNg('metadata', byKind.metadata), byKind.metadata);
  });

  it('every generated image that carries the required fields (image.rng)', () => {
    const documents = fc.sample(schemaImage, { ...SAMPLE, numRuns: 400 }).map((image) => xmlCodec.encodeImage(image));
    expectAllValid(relaxNg('image', documents), documents);
  });

  it('every generated detail list of such images (images.rng, which has no room for a next link)', () => {
    const lists = fc.sample(fc.array(schemaImage, { maxLength: 4 }), { ...SAMPLE, numRuns: 200 });
    const documents = lists.map((images) => xmlCodec.encodeImageList({ images }));
    expectAllValid(relaxNg('images', documents), documents);
  });

  it('every generated index with named entries, next link included (images_index.rng)', () => {
    const documents = fc
      .sample(schemaIndex, { ...SAMPLE, numRuns: 300 })
      .map((index) => xmlCodec.encodeImageIndex(index));
    expectAllValid(relaxNg('images_index', documents), documents);
  });

  it('every generated metadata (metadata.rng)', () => {
    const documents = fc
      .sample(arbitraries.metadata, { ...SAMPLE, numRuns: 300 })
      .map((m) => xmlCodec.encodeMetadata(m));
    expectAllValid(relaxNg('metadata', documents), documents);
  });
});
