// The built-in report kinds (DESIGN §13 keys plus time_in_state and
// supplier_performance), as data to register into the engine's report registry.
import { orderStatus, timeInState } from './kinds/flow';
import { purchaseSummary, supplierPerformance } from './kinds/purchase';
import { customerRanking, productRanking, salesTrend } from './kinds/sales';
import { slowMoving, stockBalance } from './kinds/stock';
import type { ReportKind } from './types';

export const BUILTIN_REPORTS: ReportKind[] = [
  salesTrend,
  productRanking,
  customerRanking,
  slowMoving,
  stockBalance,
  purchaseSummary,
  orderStatus,
  timeInState,
  supplierPerformance,
];
