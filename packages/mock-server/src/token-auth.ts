import { Fault } from '@openstack-image/faults';
import type { AuthorizeContext, AuthorizeResult } from '@openstack-image/http';

/**
 * An `authorize` hook for tokens, each good for one tenant (`X-Auth-Token`, as Keystone's
 * middleware read it): no token or an unknown one is 401 `unauthorized`; a path naming another
 * tenant is 400 `badRequest` with Nova's own words ("Malformed request URL: URL's project_id 'A'
 * doesn't match Context's project_id 'B'"); a path without a tenant (`/v2/images`, `/v2/`) acts for
 * the token's tenant. So a token for one tenant never reads another's images.
 */
export function tokenAuthorizer(
  tokens: Readonly<Record<string, string>>,
): (context: AuthorizeContext) => AuthorizeResult {
  const byToken = new Map(Object.entries(tokens));
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
      throw new Fault(
        'badRequest',
        `Malformed request URL: URL's project_id '${tenant.slice(0, 64)}' doesn't match Context's project_id '${owner}'`,
      );
    }
    return { tenant: owner };
  };
}
