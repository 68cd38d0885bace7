import { type ResourceName, Schemas } from './resources.generated.ts';

/**
 * A resource's schema as a plain JSON Schema document (draft 2020-12 vocabulary, TypeBox's
 * own symbols dropped), for teams that validate with another validator. The same documents are
 * published as files under `@openstack-image/schema/json-schema/<Name>.schema.json`.
 */
export function jsonSchemaOf(name: ResourceName): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(Schemas[name])) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...plain,
    $id: `https://openstack-image.invalid/schema/${name}.schema.json`,
    title: name,
  };
}
