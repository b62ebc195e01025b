// The public surface of engine/spreadsheets: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { spreadsheetRoutes } from './routes';
