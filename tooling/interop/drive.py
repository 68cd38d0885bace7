"""Drives Debian's openstacksdk through every image call it has, against the mock server.

Run by run.mjs (npm run test:interop), never on its own: it reads the servers' URLs and tokens from
the environment and prints one JSON document on stdout, the calls tried (per configuration, with
whether each passed and what it saw) and the raw bodies fetched in JSON and XML, which run.mjs
decodes with the project's codecs.
"""

import json
import os
import sys

import openstack
import openstack.version
from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1 import noauth, session as ks_session, token_endpoint
from openstack import exceptions as sdk_exceptions

OPEN = os.environ['INTEROP_OPEN']  # the mock server without --token
SECURE = os.environ['INTEROP_SECURE']  # the mock server with --token
KEYSTONE = os.environ['INTEROP_KEYSTONE']  # the stand-in Keystone
TOKEN = os.environ['INTEROP_TOKEN']  # tenant openstack's token on SECURE
TOKEN_ACME = os.environ['INTEROP_TOKEN_ACME']  # tenant acme's token on SECURE
SEED = '70a599e0-31e7-49b7-b260-868f441e862b'
MISMATCH = "Malformed request URL: URL's project_id 'openstack' doesn't match Context's project_id 'acme'"

results = []
bodies = []


def check(config, call, run):
    try:
        detail = run()
        results.append({'config': config, 'call': call, 'ok': True, 'detail': detail})
    except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
        results.append({'config': config, 'call': call, 'ok': False, 'detail': '%s: %s' % (type(error).__name__, error)})


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def raises(exception, run):
    try:
        run()
    except exception as error:
        return error
    raise AssertionError('expected %s' % exception.__name__)


def connect(**kwargs):
    return openstack.connect(load_yaml_config=False, load_envvars=False, **kwargs)


def image_calls(config, conn, sess, endpoint, key):
    """Every image call of the compute proxy, then raw JSON and XML bodies through the same session."""
    everything = []

    def details():
        images = list(conn.compute.images(details=True))
        expect(len(images) >= 5, 'expected the seeded images, got %d' % len(images))
        expect(images[0].id == SEED and images[0].name == 'fakeimage7', 'the seed image comes first')
        expect(all(image.links for image in images), 'every image has links')
        everything[:] = [image.id for image in images]
        return '%d images' % len(images)

    def index():
        ids = [image.id for image in conn.compute.images(details=False)]
        expect(ids == everything, 'index and detail list the same ids')
        return '%d ids' % len(ids)

    def paging():
        for details_flag in (True, False):
            ids = [image.id for image in conn.compute.images(details=details_flag, limit=2)]
            expect(ids == everything, 'pages of 2 list every image once, in order: %s' % ids)
        return 'limit=2 pages followed to the end, detail and index'

    def filters():
        named = [image.id for image in conn.compute.images(name='fakeimage7')]
        expect(named == [SEED], 'name filter: %s' % named)
        active = list(conn.compute.images(status='ACTIVE'))
        expect(len(active) >= 1, 'status filter')
        big = list(conn.compute.images(min_disk=10**9))
        expect(big == [], 'minDisk filter')
        return 'name, status, minDisk'

    def get_image():
        image = conn.compute.get_image(SEED)
        expect(image.name == 'fakeimage7' and image.status == 'ACTIVE', 'seed image read')
        expect(image.min_disk == 0 and image.progress == 100, 'numbers read as ints')
        missing = raises(sdk_exceptions.NotFoundException, lambda: conn.compute.get_image('no-such-image'))
        return 'seed read; a missing id is %s' % type(missing).__name__

    def find_image():
        expect(conn.compute.find_image(SEED).id == SEED, 'by id')
        expect(conn.compute.find_image('fakeimage7').id == SEED, 'by name')
        expect(conn.compute.find_image('no-such-image') is None, 'missing is None')
        raises(sdk_exceptions.ResourceNotFound, lambda: conn.compute.find_image('no-such', ignore_missing=False))
        return 'by id, by name, missing'

    def get_metadata():
        metadata = conn.compute.get_image_metadata(SEED).metadata
        raw = sess.get(endpoint + '/images/%s/metadata' % SEED, headers={'Accept': 'application/json'}).json()
        expect(metadata == raw['metadata'], 'the SDK reads the metadata the server holds')
        return sorted(metadata)

    def set_metadata():
        conn.compute.set_image_metadata(SEED, **{key: 'one', key + '-b': 'two'})
        metadata = conn.compute.get_image_metadata(SEED).metadata
        expect(metadata.get(key) == 'one' and metadata.get(key + '-b') == 'two', 'merged: %s' % metadata)
        return 'merged two items'

    def item_calls():
        image = conn.compute.get_image(SEED)
        expect(image.get_metadata_item(conn.compute, key).metadata[key] == 'one', 'item get')
        image.set_metadata_item(conn.compute, key, 'changed')
        expect(conn.compute.get_image_metadata(SEED).metadata[key] == 'changed', 'item set')
        image.delete_metadata_item(conn.compute, key)
        expect(key not in conn.compute.get_image_metadata(SEED).metadata, 'item delete')
        raises(sdk_exceptions.NotFoundException, lambda: image.get_metadata_item(conn.compute, key))
        return 'get, set, delete; a deleted item is 404'

    def delete_metadata():
        conn.compute.delete_image_metadata(SEED, keys=[key + '-b'])
        expect(key + '-b' not in conn.compute.get_image_metadata(SEED).metadata, 'deleted by key')
        return 'one key'

    def snapshots():
        snapshot = everything[1]
        server = 'a1b2c3d4-0000-4000-8000-00000000000%d' % (len(config) % 10)
        conn.compute.set_image_metadata(snapshot, instance_uuid=server, image_type='snapshot')
        by_server = [image.id for image in conn.compute.images(server=server)]
        expect(by_server == [snapshot], 'server= lists %s' % by_server)
        expect(snapshot in [image.id for image in conn.compute.images(type='snapshot')], 'type=snapshot')
        expect([image.id for image in conn.compute.images(type='backup')] == [], 'type=backup')
        raw = sess.get(endpoint + '/images/detail?property-instance_uuid=' + server,
                       headers={'Accept': 'application/json'}).json()['images']
        expect([image['id'] for image in raw] == [snapshot], 'property-instance_uuid=')
        ref = raw[0]['server']
        expect(ref['id'] == server and ref['links'][0]['href'] == endpoint + '/servers/' + server,
               'server links %s' % ref)
        return 'server=, type=, property-instance_uuid=; server %s with self and bookmark links' % server

    def delete_image():
        victim = everything[-1]
        conn.compute.delete_image(victim)
        raises(sdk_exceptions.NotFoundException, lambda: conn.compute.get_image(victim))
        raises(sdk_exceptions.NotFoundException, lambda: conn.compute.delete_image(victim, ignore_missing=False))
        conn.compute.delete_image(victim)  # ignore_missing=True: no error
        remaining = [image.id for image in conn.compute.images()]
        expect(victim not in remaining and len(remaining) == len(everything) - 1, 'gone from the list')
        return 'deleted %s' % victim

    for name, run in [
        ('compute.images(details=True)', details),
        ('compute.images(details=False)', index),
        ('compute.images(limit=2) paging', paging),
        ('compute.images(name=, status=, min_disk=)', filters),
        ('compute.get_image', get_image),
        ('compute.find_image', find_image),
        ('compute.get_image_metadata', get_metadata),
        ('compute.set_image_metadata', set_metadata),
        ('image.get/set/delete_metadata_item', item_calls),
        ('compute.delete_image_metadata', delete_metadata),
        ('compute.images(server=, type=) and ?property-', snapshots),
        ('compute.delete_image', delete_image),
    ]:
        check(config, name, run)

    def raw_bodies():
        conn.compute.set_image_metadata(SEED, **{key: 'kept'})
        root = endpoint[: endpoint.index('/v2/')]
        paths = [
            ('image', endpoint + '/images/' + SEED),
            ('list', endpoint + '/images/detail'),
            ('index', endpoint + '/images?limit=2'),
            ('metadata', endpoint + '/images/%s/metadata' % SEED),
            ('meta', endpoint + '/images/%s/metadata/%s' % (SEED, key)),
            ('fault', endpoint + '/images/no-such-image'),
            ('version', root + '/v2/'),
            ('versions', root + '/'),
        ]
        for kind, url in paths:
            pair = {'config': config, 'kind': kind, 'url': url}
            for name, accept in (('json', 'application/json'), ('xml', 'application/xml')):
                response = sess.get(url, headers={'Accept': accept}, raise_exc=False, authenticated=kind != 'versions')
                expect(response.headers.get('x-compute-request-id', '').startswith('req-'), 'request id on ' + url)
                pair[name] = response.text
                pair[name + 'Status'] = response.status_code
            bodies.append(pair)
        return '%d resources in JSON and XML' % len(paths)

    check(config, 'Session.get JSON and XML bodies', raw_bodies)


def noauth_session():
    endpoint = OPEN + '/v2/openstack'
    sess = ks_session.Session(auth=noauth.NoAuth(endpoint=endpoint))
    conn = openstack.connection.Connection(session=sess, compute_endpoint_override=endpoint)
    image_calls('noauth Session, tenant endpoint, no --token', conn, sess, endpoint, 'interop-noauth')


def admin_token():
    config = 'admin_token + compute_endpoint_override (discovery), --token'
    endpoint = SECURE + '/v2/openstack'
    conn = connect(auth_type='admin_token', auth={'token': TOKEN, 'endpoint': SECURE}, compute_endpoint_override=endpoint)
    image_calls(config, conn, conn.session, endpoint, 'interop-admin-token')

    def discovery():
        data = conn.session.get_endpoint_data(service_type='compute', endpoint_override=SECURE, min_version='2.0')
        expect(data is not None and data.api_version == (2, 0), 'discovered %r' % (data and data.api_version,))
        return 'v2.0 at %s' % data.url

    check(config, 'version discovery (GET /v2, /)', discovery)
    isolation_and_errors(config, lambda token, tenant: connect(
        auth_type='admin_token', auth={'token': token, 'endpoint': SECURE},
        compute_endpoint_override=SECURE + '/v2/' + tenant))


def password_login():
    config = 'password login at a stand-in Keystone, catalog -> mock, --token'
    conn = connect(auth_url=KEYSTONE + '/v3', username='demo', password='demo-secret', project_name='openstack',
                   user_domain_name='Default', project_domain_name='Default', region_name='RegionOne',
                   identity_api_version='3')
    endpoint = SECURE + '/v2/openstack'

    def catalog():
        found = conn.session.get_endpoint(service_type='compute', interface='public')
        expect(found.rstrip('/') == endpoint, 'catalog endpoint %s' % found)
        return found

    check(config, 'Keystone v3 password login, catalog', catalog)
    image_calls(config, conn, conn.session, endpoint, 'interop-password')

    def wrong_password():
        bad = connect(auth_url=KEYSTONE + '/v3', username='demo', password='wrong', project_name='openstack',
                      user_domain_name='Default', project_domain_name='Default', identity_api_version='3')
        raises((ks_exceptions.Unauthorized, sdk_exceptions.HttpException), lambda: list(bad.compute.images()))
        return 'Keystone 401'

    check(config, 'wrong password', wrong_password)

    def alt_user():
        alt = connect(auth_url=KEYSTONE + '/v3', username='alt', password='alt-secret', project_name='acme',
                      user_domain_name='Default', project_domain_name='Default', identity_api_version='3')
        expect(list(alt.compute.images()) == [], 'acme sees no images')
        raises(sdk_exceptions.NotFoundException, lambda: alt.compute.get_image(SEED))
        return "acme's catalog endpoint lists nothing of openstack's"

    check(config, 'tenant isolation (another project)', alt_user)


def isolation_and_errors(config, connect_as):
    def other_tenant():
        acme = connect_as(TOKEN_ACME, 'acme')
        expect(list(acme.compute.images()) == [], 'acme has no images')
        raises(sdk_exceptions.NotFoundException, lambda: acme.compute.get_image(SEED))
        crossing = connect_as(TOKEN_ACME, 'openstack')
        error = raises(sdk_exceptions.BadRequestException, lambda: list(crossing.compute.images()))
        raw = ks_session.Session(auth=token_endpoint.Token(SECURE, TOKEN_ACME)).get(
            SECURE + '/v2/openstack/images', raise_exc=False, headers={'Accept': 'application/json'})
        expect(raw.status_code == 400, 'status %d' % raw.status_code)
        expect(raw.json()['badRequest']['message'] == MISMATCH, raw.text)
        return "acme's token: own tenant empty; openstack's URL is 400 (%s)" % type(error).__name__

    def bad_token():
        # As against Nova: GET /v2 is behind authentication, so with a bad token the SDK fails in
        # discovery already (keystoneauth's DiscoveryFailure), or at the first request (401).
        bogus = connect_as('bogus', 'openstack')
        error = raises((sdk_exceptions.HttpException, ks_exceptions.DiscoveryFailure), lambda: list(bogus.compute.images()))
        expect(not isinstance(error, sdk_exceptions.HttpException) or error.status_code == 401, 'status %s' % error)
        raw = ks_session.Session().get(SECURE + '/v2/openstack/images', raise_exc=False)
        expect(raw.status_code == 401, 'no token: %d' % raw.status_code)
        challenge = raw.headers.get('www-authenticate')
        expect(challenge == "Keystone uri='%s'" % KEYSTONE, 'challenge %s' % challenge)
        return 'SDK: %s; raw: 401 with %s' % (type(error).__name__, challenge)

    check(config, 'tenant isolation (400 on another tenant)', other_tenant)
    check(config, 'bad or no token (401, WWW-Authenticate)', bad_token)


for configuration in (noauth_session, admin_token, password_login):
    try:
        configuration()
    except Exception as error:  # noqa: BLE001 - a configuration that cannot even connect is a failure
        results.append({'config': configuration.__name__, 'call': 'connect', 'ok': False,
                        'detail': '%s: %s' % (type(error).__name__, error)})

json.dump({'sdk': openstack.version.__version__, 'results': results, 'bodies': bodies}, sys.stdout)
