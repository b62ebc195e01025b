// The public surface of engine/health: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { healthRoutes } from './routes';
