// The public surface of engine/print: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { PRINT_HELPER_NAMES } from './helpers';
export { compileTemplates, createPrintRenderer, type TemplateFn } from './renderer';
export { printPdf, PAPERS, type Paper } from './pdf';
