// The public surface of engine/flows: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { documentCreateEffect } from './create-effect';
export { createSystemDocument, derivedId } from './system-create';
export { flowsPlugin } from './plugin';
export { addLink, linksOf, type Link, type LinkEnd } from './links';
