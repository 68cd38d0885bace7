// Against the real Glance that `npm run test:glance` starts: @openstack-image/http's whole route
// suite (both bindings, both formats) on GlanceImageStore, with the fixture created in Glance.
import { randomUUID } from 'node:crypto';
import type { Image } from '@openstack-image/schema';
import { describe } from 'vitest';
// The route suite is a test module of http, not a published API: the one place these tests reach
// into another package's src (http cannot depend on this package to run it itself: a cycle).
import { type Fixture, routeSuite, type Seeded, type StoreKit } from '../../http/src/test-route-suite.ts';
import { directGlance, freshTenant, glanceStore } from './test-glance.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Glance's schema holds only image ids (or null) in these: another fixture value needs a stand-in id. */
const IMAGE_ID_KEYS = new Set(['kernel_id', 'ramdisk_id']);

/**
 * The fixture in a Glance: each fixture tenant a fresh project, each image a fresh id (Glance's ids
 * are global and never free again, even after a delete), created in list order (Glance lists
 * newest first, so the last one first), its data uploaded when it is ACTIVE; the store's default
 * tenant is the fresh `openstack`.
 */
const glanceKit: StoreKit = {
  name: 'GlanceImageStore',
  cannot: {
    // Not left out: the suite checks instead that a deleted image drops out of every list.
    deletedInChangesSince: 'Glance v2 never lists a deleted image again (README, Deleted images)',
    datedFixtures: 'Glance stamps created_at and updated_at itself: no image can be dated 2012',
    idsToEncode: 'Glance ids are UUIDs: none needs percent-encoding',
    astralText: 'Glance refuses 4-byte UTF-8 in property names and values (400 "can\'t contain 4 byte unicode")',
  },
  async seed(fixture: Fixture): Promise<Seeded> {
    const tenants = new Map<string, string>();
    const ids = new Map<string, string>();
    const standIns = new Map<string, string>();
    const realTenant = (name: string): string => {
      let real = tenants.get(name);
      if (real === undefined) {
        real = freshTenant(name.replace(/[^a-z0-9-]/gi, '-'));
        tenants.set(name, real);
      }
      return real;
    };
    realTenant('openstack');
    const created: [string, string, string][] = [];
    for (const [tenant, images] of Object.entries(fixture)) {
      const glance = directGlance(realTenant(tenant));
      const uploads: Promise<void>[] = [];
      for (const image of [...images].reverse()) {
        const id = randomUUID();
        ids.set(image.id, id);
        const properties: Record<string, string> = {};
        for (const [key, value] of Object.entries(image.metadata)) {
          if (IMAGE_ID_KEYS.has(key) && !UUID.test(value)) {
            let standIn = standIns.get(value);
            if (standIn === undefined) {
              standIn = randomUUID();
              standIns.set(value, standIn);
            }
            properties[key] = standIn;
          } else properties[key] = value;
        }
        if (image.server !== undefined) properties.instance_uuid = image.server.id;
        await glance.create({
          id,
          name: image.name,
          min_ram: image.minRam ?? 0,
          min_disk: image.minDisk ?? 0,
          ...properties,
        });
        uploads.push(dataFor(glance, id, image));
        created.push([tenant, image.id, id]);
      }
      await Promise.all(uploads);
    }
    const store = glanceStore({ defaultTenant: realTenant('openstack') });
    // The suite's lists must hold the fixture only: an image every tenant sees breaks them all.
    const foreign = await store.list(realTenant('openstack'), { limit: 1000 });
    const ours = new Set(ids.values());
    const strangers = foreign === 'markerNotFound' ? [] : foreign.filter((image) => !ours.has(image.id));
    if (strangers.length > 0) {
      throw new Error(
        `this Glance shows a fresh tenant images of others (public ones: ${strangers.map((image) => image.id).join(', ')}): the route suite needs a Glance where a tenant sees only its own`,
      );
    }
    // Real names to fixture names, longest first: an encoded tenant before its raw form.
    const back: [string, string][] = [
      ...[...tenants].flatMap(([name, real]): [string, string][] => [
        [encodeURIComponent(real), encodeURIComponent(name)],
        [real, name],
      ]),
      ...[...ids].map(([name, real]): [string, string] => [real, name]),
      ...[...standIns].map(([value, standIn]): [string, string] => [standIn, value]),
    ].sort((a, b) => b[0].length - a[0].length);
    const toFixtureText = (text: string): string =>
      back.reduce((result, [real, name]) => result.split(real).join(name), text);
    const toFixture = <T extends string | object>(value: T): T =>
      (typeof value === 'string' ? toFixtureText(value) : JSON.parse(toFixtureText(JSON.stringify(value)))) as T;
    const held = new Map<string, Image>();
    for (const [tenant, fixtureId, id] of created) {
      const image = await store.get(realTenant(tenant), id);
      if (image === undefined) throw new Error(`the seeded image ${fixtureId} cannot be read back`);
      held.set(fixtureId, toFixture(image));
    }
    return {
      store,
      tenant: realTenant,
      id: (name) => ids.get(name) ?? name,
      image: (name) => structuredClone(held.get(name)!),
      toStore: (path) => toStorePath(path, tenants, ids),
      toFixture,
    };
  },
};

/** ACTIVE: data (as many bytes as the fixture's size says); UNKNOWN: data, then deactivated; SAVING: queued as created. */
async function dataFor(glance: ReturnType<typeof directGlance>, id: string, image: Image): Promise<void> {
  if (image.status === 'SAVING' || image.status === undefined) return;
  if (image.status !== 'ACTIVE' && image.status !== 'UNKNOWN') {
    throw new Error(`a ${image.status} image cannot be made in Glance`);
  }
  await glance.upload(id, new Uint8Array(image['OS-EXT-IMG-SIZE:size'] ?? 0));
  if (image.status === 'UNKNOWN') await glance.deactivate(id);
}

/**
 * `/v2/{tenant}/images/{id}/...?marker={id}` in Glance's names: the tenant segment, the image
 * segment (its .json or .xml ending kept) and the marker; nothing else (a fixture id may also be a
 * name in a filter).
 */
function toStorePath(path: string, tenants: ReadonlyMap<string, string>, ids: ReadonlyMap<string, string>): string {
  const mark = path.indexOf('?');
  const route = mark < 0 ? path : path.slice(0, mark);
  const segments = route.split('/');
  const decoded = (segment: string): string | undefined => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return undefined;
    }
  };
  if (segments[1] === 'v2' && segments[2] !== undefined && segments[2] !== 'images') {
    const real = tenants.get(decoded(segments[2]) ?? '');
    if (real !== undefined) segments[2] = encodeURIComponent(real);
  }
  const at = segments.indexOf('images');
  if (at > 0 && segments[at + 1] !== undefined) {
    const [, name = '', ending = ''] = /^(.*?)((?:\.json|\.xml)?)$/.exec(segments[at + 1]!) ?? [];
    const real = ids.get(decoded(name) ?? '');
    if (real !== undefined) segments[at + 1] = `${real}${ending}`;
  }
  if (mark < 0) return segments.join('/');
  const query = path
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      if (!pair.startsWith('marker=')) return pair;
      const real = ids.get(decoded(pair.slice('marker='.length)) ?? '');
      return real === undefined ? pair : `marker=${real}`;
    })
    .join('&');
  return `${segments.join('/')}?${query}`;
}

describe(`on ${glanceKit.name} over a real Glance`, () => {
  routeSuite(glanceKit);
});
