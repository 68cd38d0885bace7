import { readFileSync } from 'node:fs';
import { jsonCodec } from '@openstack-image/codec-json';
import type { Image } from '@openstack-image/schema';

/** The tenant the seed and the samples belong to, as their links say. */
export const SEED_TENANT = 'openstack';

/** The seed's image: `GET /v2/openstack/images/{SEED_IMAGE_ID}` answers the seed's documents. */
export const SEED_IMAGE_ID = '70a599e0-31e7-49b7-b260-868f441e862b';

/**
 * The data files this package ships (copies of `shared/`: a published package cannot read it),
 * relative to the package root. A test keeps them equal to their originals.
 */
export const DATA_FILES: {
  readonly seed: string;
  readonly novaDetails: string;
  readonly novaDiskConfig: string;
  readonly novaImageSize: string;
} = Object.freeze({
  seed: 'data/seed/get-image-details.json',
  novaDetails: 'data/nova/images-details-get-resp.json',
  novaDiskConfig: 'data/nova/OS-DCF/image-list-resp.json',
  novaImageSize: 'data/nova/OS-EXT-IMG-SIZE/images-details-get-resp.json',
});

function readData(path: string): string {
  // Both src/ and dist/ sit one level below the package root, beside data/.
  return readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
}

/**
 * The images `npm start` serves under tenant `openstack`: the seed's image exactly as the seed shows
 * it, then the other six images of Nova's detail-list sample, each with the extension attributes
 * (`OS-DCF:diskConfig`, `OS-EXT-IMG-SIZE:size`) Nova's extension samples give it, as a Nova with
 * both extensions loaded would answer. The seed's image stays the seed's: its documents have none.
 */
export function seedImages(): Image[] {
  const seed = jsonCodec.decodeImage(readData(DATA_FILES.seed));
  const extensions = new Map<string, Partial<Image>>();
  for (const file of [DATA_FILES.novaDiskConfig, DATA_FILES.novaImageSize]) {
    for (const image of jsonCodec.decodeImageList(readData(file)).images) {
      const found: Partial<Image> = extensions.get(image.id) ?? {};
      if (image['OS-DCF:diskConfig'] !== undefined) found['OS-DCF:diskConfig'] = image['OS-DCF:diskConfig'];
      if (image['OS-EXT-IMG-SIZE:size'] !== undefined) found['OS-EXT-IMG-SIZE:size'] = image['OS-EXT-IMG-SIZE:size'];
      extensions.set(image.id, found);
    }
  }
  const nova = jsonCodec
    .decodeImageList(readData(DATA_FILES.novaDetails))
    .images.filter((image) => image.id !== seed.id)
    .map((image) => ({ ...image, ...extensions.get(image.id) }));
  return [seed, ...nova];
}
