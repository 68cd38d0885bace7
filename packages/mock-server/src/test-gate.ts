// Test helpers (excluded from the build): hold a request inside the server, to act while it is in flight.
import type { MemoryImageStore } from '@openstack-image/http';

export interface Gate {
  /** Resolves once a request reached the store: the server has read it and is answering it. */
  readonly arrived: Promise<void>;
  /** Lets the held request go on. */
  release(): void;
}

/**
 * Makes the next `store.get` wait until `release()`: a request is then in flight for as long as the
 * test wants, with no sleep guessing when it reached the server.
 */
export function holdNextGet(store: MemoryImageStore): Gate {
  const get = store.get.bind(store);
  let arrive = (): void => {};
  let release = (): void => {};
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  store.get = async (tenant, id) => {
    store.get = get;
    arrive();
    await released;
    return get(tenant, id);
  };
  return { arrived, release };
}
