import { readFileSync } from 'node:fs';
import { jsonCodec } from '@openstack-image/codec-json';
import { readShared, seedDocuments } from '@openstack-image/test-support';
import { describe, expect, it } from 'vitest';
import { DATA_FILES, SEED_IMAGE_ID, seedImages } from './seed-images.ts';

function shipped(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));
}

describe('the shipped data files are copies of shared/', () => {
  it.each([
    [DATA_FILES.novaDetails, 'reference/samples/nova/images-details-get-resp.json'],
    [DATA_FILES.novaDiskConfig, 'reference/samples/nova/OS-DCF/image-list-resp.json'],
    [DATA_FILES.novaImageSize, 'reference/samples/nova/OS-EXT-IMG-SIZE/images-details-get-resp.json'],
  ])('%s holds the same document as shared/%s', (file, original) => {
    expect(shipped(file)).toEqual(JSON.parse(readShared(...original.split('/'))));
  });

  it(`${DATA_FILES.seed} holds the seed's JSON example`, () => {
    expect(shipped(DATA_FILES.seed)).toEqual(JSON.parse(seedDocuments().json));
  });
});

describe('the images npm start serves', () => {
  const images = seedImages();

  it("are the seed's image, as the seed shows it, then Nova's six other sample images", () => {
    expect(images[0]).toEqual(jsonCodec.decodeImage(seedDocuments().json));
    expect(images.map((image) => image.id)).toEqual(
      jsonCodec
        .decodeImageList(readShared('reference', 'samples', 'nova', 'images-details-get-resp.json'))
        .images.map((image) => image.id),
    );
    expect(images[0]!.id).toBe(SEED_IMAGE_ID);
  });

  it("carry the attributes of Nova's extension samples, except the seed's image", () => {
    const size = jsonCodec.decodeImageList(
      readShared('reference', 'samples', 'nova', 'OS-EXT-IMG-SIZE', 'images-details-get-resp.json'),
    ).images;
    const nova = jsonCodec.decodeImageList(
      readShared('reference', 'samples', 'nova', 'images-details-get-resp.json'),
    ).images;
    for (const image of images.slice(1)) {
      const withSize = size.find((one) => one.id === image.id)!;
      const diskConfig = image.id === 'a440c04b-79fa-479c-bed1-0b816eaec379' ? { 'OS-DCF:diskConfig': 'MANUAL' } : {};
      expect(image).toEqual({
        ...nova.find((one) => one.id === image.id),
        ...diskConfig,
        'OS-EXT-IMG-SIZE:size': withSize['OS-EXT-IMG-SIZE:size'],
      });
    }
    expect(images[1]!['OS-EXT-IMG-SIZE:size']).toBe(25165824);
    expect(images[0]).not.toHaveProperty('OS-EXT-IMG-SIZE:size');
    expect(images[0]).not.toHaveProperty('OS-DCF:diskConfig');
  });
});
