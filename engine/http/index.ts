// The public surface of engine/http: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { localeFrom, requestLocale } from './locale';
export { trustProxyOption } from './trust-proxy';
export { registerProblemHandlers, problemOf, sendProblem } from './problem';
export { designerStatic } from './designer-static';
export { openapiPlugin } from './openapi';
export { rateLimitsFromConfig, securityPlugin, type RateLimitOptions } from './security';
export { registerJsonDepthLimit } from './json-depth';
export { requestIdFrom } from './request-id';
export { assertScalarQuery, scalarQueryHook } from './query-guard';
export { lazySchemaCompilers } from './lazy-compilers';
export { requireRole } from './require-role';
export { deploymentId, openSharedLimitStore, type SharedLimitStore } from './shared-limits';
export { userOf } from './user-of';
