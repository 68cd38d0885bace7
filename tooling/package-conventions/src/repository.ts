/** The project's one public home: every package.json's repository, homepage and bugs point here. */
export const REPOSITORY = 'https://github.com/openstack-image/openstack-image';
