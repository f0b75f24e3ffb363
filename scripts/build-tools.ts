// What the build runs from the sources: schema generation and the bundled-playbook cache.
export { jsonSchemas } from '../src/schemas.js';
export { CACHE_FILE } from '../src/playbook/bundled-cache.js';
export { buildCache } from '../src/playbook/bundled-cache-build.js';
