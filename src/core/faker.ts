import type { Faker } from '@faker-js/faker';
import { createRequire } from 'node:module';

// faker's en_GB entry: a Faker over [en_GB, en, base], without its other 70 locales (importing
// '@faker-js/faker' itself cost ~0.3-1 s of every start). Loaded on first use, not at start: only
// check outputs, address search and the demo need it, and its locale data is ~2 MB of heap that a
// server which has run no check does not need. A synchronous require, because the domain code that
// calls it is synchronous; faker is an ES module, which Node's require loads since 20.19 (the
// `engines` floor). The bundle leaves it outside (an unknown require), so the tsc build and the
// bundle both load the one installed copy.
const requireFaker = createRequire(import.meta.url);
let loaded: Faker | undefined;

/** The one en_GB Faker, loaded on the first call. */
export function sharedFaker(): Faker {
  loaded ??= (requireFaker('@faker-js/faker/locale/en_GB') as { faker: Faker }).faker;
  return loaded;
}
