// Every test file runs with Node's platform installed (src/util/platform.ts), in the sources and in
// the built dist/ (tests import either), as the command and the library install it.
import { existsSync } from 'node:fs';
import '../../src/io/node-platform.js';

const built = new URL('../../dist/src/io/node-platform.js', import.meta.url);
if (existsSync(built)) await import(built.href);
