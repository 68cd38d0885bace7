import { plainSchemas } from './checks.generated.ts';
import type { ResourceName } from './resources.generated.ts';

/**
 * The members an object resource may have, in the schema's order (`membersOf('Image')`), an empty
 * list for `Metadata` and `MetaItem`, whose keys are free. Read from the generated plain schemas,
 * so a bundle that needs the names does not carry TypeBox's builders.
 */
export function membersOf(name: ResourceName): readonly string[] {
  return Object.keys(plainSchemas[name].properties ?? {});
}
