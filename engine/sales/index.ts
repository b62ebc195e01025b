// The public surface of engine/sales: order flows (issue 17) — order again,
// order templates, the customer 360 (docs/architecture.md, "Module map").
export { orderAgain, orderFromTemplate, saveAsTemplate, type AgainLine, type AgainResult } from './order-again';
export { customerOverview, type CustomerOverview } from './overview';
export { salesRoutes } from './routes';
