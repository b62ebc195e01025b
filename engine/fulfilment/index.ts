// The public surface of engine/fulfilment: shipments of sales orders, partial or
// whole, and what the order shows of them (docs/architecture.md, "Module map").
export { fulfilmentEnginePlugin, BACKORDER_SWEEP_JOB } from './plugin';
export { shippedByLine, shipmentKeysOf, SALES_SHIPMENTS } from './shipment-tally';
