// The public surface of engine/suppliers: supplier evaluation (scorecards, the
// daily rating update) and the last prices of each supplier for a product.
export { computeScorecards, ratingOf, scoreOf, PLACED_STATES, type Scorecard, type ScorecardPeriod } from './scorecard';
export { lastSupplierPrices, type SupplierPrice } from './last-prices';
export { updateSupplierRatings, SUPPLIER_RATING_JOB, RATING_WINDOW_DAYS } from './rating';
export { supplierScorecardReport } from './report';
export { suppliersEnginePlugin } from './plugin';
export { supplierRoutes } from './routes';
