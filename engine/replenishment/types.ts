// Stored shapes of replenishment. One trigger per product × warehouse says whether
// a low-stock occurrence is open and which (`gen`); each occurrence has one
// suggestion (`${trigger}#${gen}`) and one low-stock alert. Quantities here are
// in units (they are shown, never summed into levels).
import type { ForecastMethod } from '../forecast/index';
import type { Store, StoredDoc } from '../store/index';

export const TRIGGERS = 'replenishment_triggers';
export const SUGGESTIONS = 'replenishment_suggestions';
export const SCAN_STATE = 'replenishment_scan';
export const LOW_STOCK = 'low_stock';

export interface TriggerDoc extends StoredDoc {
  product: string;
  warehouse: string;
  /** Occurrence number: 1 for the first time the product fell below its reorder point here. */
  gen: number;
  open: boolean;
  openedAt?: Date;
  closedAt?: Date;
}

export interface SuggestionDoc extends StoredDoc {
  product: string;
  warehouse: string;
  gen: number;
  status: 'open' | 'resolved';
  /** Projected stock (available + incoming) and the reorder point when it was raised. */
  projected: number;
  reorderPoint: number;
  suggestedQty: number;
  supplier?: string;
  /** The draft purchase requisition made for it (products with autoRequisition). */
  requisition?: { id: string; number: string };
  createdAt: Date;
  resolvedAt?: Date;
}

export interface SuggestionView {
  id: string;
  product: string;
  warehouse: string;
  status: 'open' | 'resolved';
  projected: number;
  reorderPoint: number;
  suggestedQty: number;
  supplier?: string;
  requisition?: { id: string; number: string };
  createdAt: Date;
  resolvedAt?: Date;
}

export const triggerId = (product: string, warehouse: string): string => `${product}@${warehouse}`;
export const suggestionId = (trigger: string, gen: number): string => `${trigger}#${gen}`;
export const alertId = (trigger: string, gen: number): string => `${LOW_STOCK}:${trigger}#${gen}`;

/** A reorder point computed from the demand forecast (forecast-points.ts), per product × warehouse. */
export const FORECAST_POINTS = 'replenishment_forecast_points';

export interface ForecastPointDoc extends StoredDoc {
  product: string;
  warehouse: string;
  reorderPoint: number;
  leadTimeDemand: number;
  safetyStock: number;
  leadTimeDays: number;
  serviceLevel: number;
  method: ForecastMethod;
  mape: number | null;
  rmse: number;
  computedAt: Date;
}

export const forecastPoints = (store: Store) => store.collection<ForecastPointDoc>(FORECAST_POINTS);
export const forecastPointId = (product: string, warehouse: string): string => `${product}@${warehouse}`;
