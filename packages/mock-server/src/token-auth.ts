import { Fault } from '@openstack-image/faults';
import type { AuthorizeContext, AuthorizeResult } from '@openstack-image/http';

/**
 * An `authorize` hook for tokens, each good for one tenant (`X-Auth-Token`, as Keystone's
 * middleware read it): no token or an unknown one is 401 `unauthorized`; a path naming another
 * tenant is 403 `forbidden`; a path without a tenant (`/v2/images`) acts for the token's tenant.
 * So a token for one tenant never reads another's images.
 */
export function tokenAuthorizer(
  tokens: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): (context: AuthorizeContext) => AuthorizeResult {
  const byToken: ReadonlyMap<string, string> = tokens instanceof Map ? tokens : new Map(Object.entries(tokens));
  return ({ request, tenant }) => {
    const token = request.headers['x-auth-token'];
    const owner = token === undefined ? undefined : byToken.get(token);
    if (owner === undefined) {
      throw new Fault(
        'unauthorized',
        token === undefined ? 'This server needs an X-Auth-Token header.' : 'The X-Auth-Token is not valid.',
      );
    }
    if (tenant !== undefined && tenant !== owner) {
      throw new Fault('forbidden', `The token is not valid for tenant ${JSON.stringify(tenant.slice(0, 64))}.`);
    }
    return { tenant: owner };
  };
}
