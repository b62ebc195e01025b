// Who may do what, as data: every built-in role (DESIGN §13) and an anonymous caller
// against every route family, with the answer a serious ERP gives. Derived from the
// roles' jobs and the built-in definitions' `permissions` blocks; the test
// (permission-matrix.test.ts) asserts each cell over real HTTP.
//
//   ok   2xx: allowed
//   401  no (valid) token: always, before anything about the resource is revealed
//   403  signed in, but the role may not do this (or may not read the type at all)
//   404  the role reads only some documents of the type, and this one is outside
//        its scope: indistinguishable from a document that does not exist
//
// Choices worth knowing:
// - Definitions are readable by every signed-in user (forms render from them);
//   publishing and linting are the admin's (the designer).
// - Master data is readable by everyone; each kind is maintained by the roles
//   whose job it is (customers: sales, credit terms also finance; suppliers:
//   purchasing; products: sales manager and purchasing; warehouses: the keeper).
// - A sales clerk works on their own orders only (read and update `own`).
// - Approval decisions belong to the approvers a level names. The admin is not
//   one unless a level names it: segregation of duties, so whoever configures the
//   system cannot also wave orders through. (Stuck approvals are escalated.)
// - Stock levels are readable by everyone (a clerk needs availability); the stock
//   ledger names the documents behind each move, so only the roles that work
//   with stock read it.
// - Users, roles and the audit trail are the admin's alone.

export const PRINCIPALS = [
  'admin',
  'sales_clerk',
  'sales_manager',
  'finance_manager',
  'purchaser',
  'purchase_manager',
  'warehouse_keeper',
  'anonymous',
] as const;

export type Principal = (typeof PRINCIPALS)[number];
export type Role = Exclude<Principal, 'anonymous'>;
export type Outcome = 'ok' | 401 | 403 | 404;

// prettier-ignore
const TABLE = [
  //  id                          family                        action                         admin clerk s_mgr fin  purch p_mgr keeper anon
  ['definitions.list',           'definitions',                'list',                         'ok   ok    ok    ok   ok    ok    ok     401'],
  ['definitions.get',            'definitions',                'get one',                      'ok   ok    ok    ok   ok    ok    ok     401'],
  ['definitions.publish',        'definitions',                'publish a version',            'ok   403   403   403  403   403   403    401'],
  ['definitions.lint',           'definitions',                'lint',                         'ok   403   403   403  403   403   403    401'],

  ['customer.create',            'master data: customer',      'create',                       'ok   ok    ok    403  403   403   403    401'],
  ['customer.list',              'master data: customer',      'list',                         'ok   ok    ok    ok   ok    ok    ok     401'],
  ['customer.get',               'master data: customer',      'get',                          'ok   ok    ok    ok   ok    ok    ok     401'],
  ['customer.update',            'master data: customer',      'update',                       'ok   403   ok    ok   403   403   403    401'],
  ['supplier.create',            'master data: supplier',      'create',                       'ok   403   403   403  ok    ok    403    401'],
  ['supplier.list',              'master data: supplier',      'list',                         'ok   ok    ok    ok   ok    ok    ok     401'],
  ['supplier.get',               'master data: supplier',      'get',                          'ok   ok    ok    ok   ok    ok    ok     401'],
  ['supplier.update',            'master data: supplier',      'update',                       'ok   403   403   403  ok    ok    403    401'],
  ['product.create',             'master data: product',       'create',                       'ok   403   ok    403  ok    ok    403    401'],
  ['product.list',               'master data: product',       'list',                         'ok   ok    ok    ok   ok    ok    ok     401'],
  ['product.get',                'master data: product',       'get',                          'ok   ok    ok    ok   ok    ok    ok     401'],
  ['product.update',             'master data: product',       'update',                       'ok   403   ok    403  ok    ok    403    401'],
  ['warehouse.create',           'master data: warehouse',     'create',                       'ok   403   403   403  403   403   ok     401'],
  ['warehouse.list',             'master data: warehouse',     'list',                         'ok   ok    ok    ok   ok    ok    ok     401'],
  ['warehouse.get',              'master data: warehouse',     'get',                          'ok   ok    ok    ok   ok    ok    ok     401'],
  ['warehouse.update',           'master data: warehouse',     'update',                       'ok   403   403   403  403   403   ok     401'],

  ['sales_order.create',         'documents: sales_order',     'create',                       'ok   ok    ok    403  403   403   403    401'],
  ['sales_order.list',           'documents: sales_order',     'list (a clerk sees own)',      'ok   ok    ok    ok   ok    ok    ok     401'],
  ['sales_order.get.own',        'documents: sales_order',     'get, the clerk\'s order',      'ok   ok    ok    ok   ok    ok    ok     401'],
  ['sales_order.get.others',     'documents: sales_order',     'get, another user\'s order',   'ok   404   ok    ok   ok    ok    ok     401'],
  ['sales_order.update.own',     'documents: sales_order',     'update, the clerk\'s order',   'ok   ok    ok    403  403   403   403    401'],
  ['sales_order.update.others',  'documents: sales_order',     'update, another user\'s',      'ok   404   ok    403  403   403   403    401'],
  ['purchase_order.create',      'documents: purchase_order',  'create',                       'ok   403   403   403  ok    ok    403    401'],
  ['purchase_order.list',        'documents: purchase_order',  'list',                         'ok   403   403   ok   ok    ok    ok     401'],
  ['purchase_order.get',         'documents: purchase_order',  'get',                          'ok   403   403   ok   ok    ok    ok     401'],
  ['purchase_order.update.own',  'documents: purchase_order',  'update, the purchaser\'s',     'ok   403   403   403  ok    ok    403    401'],
  ['purchase_order.update.others','documents: purchase_order', 'update, another user\'s',      'ok   403   403   403  403   ok    403    401'],

  ['stock_transfer.create',      'inventory: stock_transfer',  'create',                       'ok   403   403   403  403   403   ok     401'],
  ['stock_transfer.list',        'inventory: stock_transfer',  'list',                         'ok   403   ok    ok   ok    ok    ok     401'],
  ['stock_transfer.get',         'inventory: stock_transfer',  'get',                          'ok   403   ok    ok   ok    ok    ok     401'],
  ['stock_transfer.update',      'inventory: stock_transfer',  'update',                       'ok   403   403   403  403   403   ok     401'],
  ['stocktake.create',           'inventory: stocktake',       'create',                       'ok   403   403   403  403   403   ok     401'],
  ['stocktake.list',             'inventory: stocktake',       'list',                         'ok   403   ok    ok   403   ok    ok     401'],
  ['stocktake.get',              'inventory: stocktake',       'get',                          'ok   403   ok    ok   403   ok    ok     401'],
  ['stocktake.update',           'inventory: stocktake',       'update',                       'ok   403   403   403  403   403   ok     401'],

  ['inventory.levels',           'inventory: stock queries',   'levels (availability)',        'ok   ok    ok    ok   ok    ok    ok     401'],
  ['inventory.ledger',           'inventory: stock queries',   'ledger (names documents)',     'ok   403   ok    ok   ok    ok    ok     401'],

  ['sales_order.submit.own',     'transitions',                'sales_order submit, clerk\'s', 'ok   ok    ok    403  403   403   403    401'],
  ['sales_order.submit.others',  'transitions',                'sales_order submit, other\'s', 'ok   404   ok    403  403   403   403    401'],
  ['sales_order.ship',           'transitions',                'sales_order ship',             'ok   403   ok    403  403   403   ok     401'],
  ['purchase_order.submit',      'transitions',                'purchase_order submit',        'ok   403   403   403  ok    ok    403    401'],

  ['approvals.inbox',            'approvals',                  'inbox (own)',                  'ok   ok    ok    ok   ok    ok    ok     401'],
  ['approvals.approve',          'approvals',                  'approve, manager level',       '403  403   ok    403  403   403   403    401'],
  ['approvals.reject',           'approvals',                  'reject, manager level',        '403  403   ok    403  403   403   403    401'],

  ['users.list',                 'users',                      'list',                         'ok   403   403   403  403   403   403    401'],
  ['users.create',               'users',                      'create',                       'ok   403   403   403  403   403   403    401'],
  ['audit.list',                 'audit',                      'list',                         'ok   403   403   403  403   403   403    401'],
] as const;

export type RowId = (typeof TABLE)[number][0];

export interface MatrixRow {
  id: RowId;
  family: string;
  action: string;
  expect: Record<Principal, Outcome>;
}

function parseCells(id: string, cells: string): Record<Principal, Outcome> {
  const tokens = cells.trim().split(/\s+/);
  if (tokens.length !== PRINCIPALS.length)
    throw new Error(`matrix row ${id}: ${tokens.length} cells, expected ${PRINCIPALS.length}`);
  const out = {} as Record<Principal, Outcome>;
  PRINCIPALS.forEach((principal, i) => {
    const token = tokens[i];
    if (token === 'ok') out[principal] = 'ok';
    else if (token === '401' || token === '403' || token === '404') out[principal] = Number(token) as 401 | 403 | 404;
    else throw new Error(`matrix row ${id}: unknown cell "${token}"`);
  });
  return out;
}

export const MATRIX: MatrixRow[] = TABLE.map(([id, family, action, cells]) => ({
  id,
  family,
  action,
  expect: parseCells(id, cells),
}));
