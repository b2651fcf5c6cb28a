import { installLazyWebGlobals } from './lazy-web-globals.js';

// Imported first by the CLI, so the stand-ins are in place before any module reads the globals
// (@hono/node-server does as it loads). A module of its own because imports run before the body
// of the module that imports them.
installLazyWebGlobals();
