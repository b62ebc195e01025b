// Definitions the lookup suites publish: a delivery booking with a capacity per
// time slot (a count lookup bounded by a guard with no message of its own), and an
// expense claim within its department's monthly budget (a sum lookup, quoted by
// the guard's message).
import type { Definition, LocalizedText } from '../../engine/definitions/index';

const L = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

type Draft = Omit<Definition, 'version'>;

const clerkMay = (transitions: string[]) => ({
  sales_clerk: { create: true, read: true, update: true, transitions },
});

export function bookingDefinition(): Draft {
  return {
    key: 'delivery_booking',
    title: L('送货预约', 'Delivery booking'),
    category: 'document',
    schema: {
      type: 'object',
      required: ['slot', 'carrier'],
      properties: {
        slot: { type: 'string', title: '时段', 'x-title': L('时段', 'Slot'), minLength: 1 },
        carrier: { type: 'string', title: '承运人', 'x-title': L('承运人', 'Carrier'), minLength: 1 },
      },
    },
    numbering: { pattern: 'DB-{seq:5}' },
    states: [
      { key: 'draft', label: L('草稿', 'Draft'), color: 'default', editable: true, terminal: false },
      { key: 'booked', label: L('已预约', 'Booked'), color: 'blue', editable: false, terminal: false },
      { key: 'arrived', label: L('已到达', 'Arrived'), color: 'green', editable: false, terminal: true },
      { key: 'cancelled', label: L('已取消', 'Cancelled'), color: 'gray', editable: false, terminal: true },
    ],
    initialState: 'draft',
    transitions: [
      {
        key: 'submit',
        from: ['draft'],
        to: 'booked',
        label: L('预约', 'Book'),
        roles: ['sales_clerk', 'admin'],
        guard: { logic: { '<': [{ var: 'lookup.bookings' }, 5] } },
      },
      { key: 'arrive', from: ['booked'], to: 'arrived', label: L('到达', 'Arrive'), roles: ['sales_clerk', 'admin'] },
      { key: 'cancel', from: ['booked'], to: 'cancelled', label: L('取消', 'Cancel'), roles: ['sales_clerk', 'admin'] },
    ],
    permissions: clerkMay(['submit', 'arrive', 'cancel']),
    lookups: [
      {
        name: 'bookings',
        label: L('送货时段', 'Delivery slot'),
        type: 'delivery_booking',
        match: { 'data.slot': { var: 'data.slot' }, state: { in: ['booked', 'arrived'] } },
        aggregate: 'count',
      },
    ],
    indexes: [{ keys: { 'data.slot': 1 } }],
    listColumns: ['number', 'data.slot', 'data.carrier', 'state'],
  };
}

export function departmentDefinition(): Draft {
  return {
    key: 'department',
    title: L('部门', 'Department'),
    category: 'master',
    schema: {
      type: 'object',
      required: ['name', 'budget'],
      properties: {
        name: { type: 'string', title: '名称', 'x-title': L('名称', 'Name'), minLength: 1 },
        budget: { type: 'number', title: '月度预算', 'x-title': L('月度预算', 'Monthly budget'), minimum: 0 },
      },
    },
    states: [
      { key: 'active', label: L('启用', 'Active'), color: 'green', editable: true, terminal: false },
      { key: 'inactive', label: L('停用', 'Inactive'), color: 'gray', editable: false, terminal: true },
    ],
    initialState: 'active',
    transitions: [
      { key: 'deactivate', from: ['active'], to: 'inactive', label: L('停用', 'Deactivate'), roles: ['admin'] },
    ],
    permissions: { sales_clerk: { create: false, read: true } },
  };
}

export function claimDefinition(): Draft {
  return {
    key: 'budget_claim',
    title: L('费用报销', 'Expense claim'),
    category: 'document',
    schema: {
      type: 'object',
      required: ['department', 'date', 'amount'],
      properties: {
        department: { type: 'string', title: '部门', 'x-title': L('部门', 'Department'), 'x-ref': 'department' },
        date: { type: 'string', format: 'date', title: '日期', 'x-title': L('日期', 'Date') },
        month: { type: 'string', title: '月份', 'x-title': L('月份', 'Month'), readOnly: true },
        amount: { type: 'number', title: '金额', 'x-title': L('金额', 'Amount'), exclusiveMinimum: 0 },
        category: {
          type: 'string',
          title: '类别',
          'x-title': L('类别', 'Category'),
          oneOf: [
            { const: 'travel', title: '差旅', 'x-title': L('差旅', 'Travel') },
            { const: 'meals', title: '餐费', 'x-title': L('餐费', 'Meals') },
          ],
        },
      },
    },
    templates: [
      {
        key: 'slip',
        label: L('报销单', 'Claim slip'),
        kind: 'print',
        body: '<p class="category">{{display.category}}</p><p class="raw">{{data.category}}</p>',
      },
    ],
    computed: [{ field: 'month', logic: { substr: [{ var: 'data.date' }, 0, 7] } }],
    numbering: { pattern: 'EC-{seq:5}' },
    states: [
      { key: 'draft', label: L('草稿', 'Draft'), color: 'default', editable: true, terminal: false },
      { key: 'approved', label: L('已批准', 'Approved'), color: 'green', editable: false, terminal: false },
      { key: 'paid', label: L('已支付', 'Paid'), color: 'blue', editable: false, terminal: true },
      { key: 'cancelled', label: L('已取消', 'Cancelled'), color: 'gray', editable: false, terminal: true },
    ],
    initialState: 'draft',
    transitions: [
      {
        key: 'submit',
        from: ['draft'],
        to: 'approved',
        label: L('提交', 'Submit'),
        roles: ['sales_clerk', 'admin'],
        guard: {
          logic: {
            '<=': [
              { '+': [{ var: ['lookup.approvedThisMonth', 0] }, { var: 'data.amount' }] },
              { var: 'related.department.budget' },
            ],
          },
          message: L(
            '超出部门本月预算：预算 {{related.department.budget}}，本月已批准 {{lookup.approvedThisMonth}}，本单 {{data.amount}}',
            "Over the department's budget this month: budget {{related.department.budget}}, approved this month {{lookup.approvedThisMonth}}, this claim {{data.amount}}",
          ),
        },
      },
      { key: 'pay', from: ['approved'], to: 'paid', label: L('支付', 'Pay'), roles: ['sales_clerk', 'admin'] },
      {
        key: 'cancel',
        from: ['approved'],
        to: 'cancelled',
        label: L('取消', 'Cancel'),
        roles: ['sales_clerk', 'admin'],
      },
    ],
    permissions: clerkMay(['submit', 'pay', 'cancel']),
    related: { department: { type: 'department', field: 'department' } },
    lookups: [
      {
        name: 'approvedThisMonth',
        type: 'budget_claim',
        match: {
          'data.department': { var: 'data.department' },
          'data.month': { var: 'data.month' },
          state: { in: ['approved', 'paid'] },
        },
        aggregate: 'sum',
        field: 'data.amount',
      },
    ],
    indexes: [{ keys: { 'data.department': 1, 'data.month': 1 } }],
    listColumns: ['number', 'data.department', 'data.date', 'data.category', 'data.amount', 'state'],
  };
}

/**
 * Bookings of a delivery slot as their own type: no lookup, no guard. The slot
 * type (slotDefinition) bounds them: its guard reads `lookup.bookings` over this
 * type, so each booking's change keeps the slot type's counter (cross-counters.ts).
 * A booked booking stays editable, so a PATCH can move it to another slot.
 */
export function slotBookingDefinition(): Draft {
  const def = bookingDefinition();
  return {
    ...def,
    key: 'slot_booking',
    title: L('时段预约', 'Slot booking'),
    numbering: { pattern: 'SB-{seq:5}' },
    states: def.states.map((s) => (s.key === 'booked' ? { ...s, editable: true } : s)),
    transitions: def.transitions.map(({ guard: _guard, ...t }) => t),
    lookups: [],
  };
}

/** A delivery slot with its capacity, open for bookings once opened: at most `capacity` bookings of it count. */
export function slotDefinition(): Draft {
  return {
    key: 'delivery_slot',
    title: L('送货时段', 'Delivery slot'),
    category: 'master',
    schema: {
      type: 'object',
      required: ['slot', 'capacity'],
      properties: {
        slot: { type: 'string', title: '时段', 'x-title': L('时段', 'Slot'), minLength: 1 },
        capacity: { type: 'integer', title: '容量', 'x-title': L('容量', 'Capacity'), minimum: 0 },
      },
    },
    states: [
      { key: 'draft', label: L('草稿', 'Draft'), color: 'default', editable: true, terminal: false },
      { key: 'open', label: L('开放', 'Open'), color: 'green', editable: false, terminal: false },
      { key: 'closed', label: L('关闭', 'Closed'), color: 'gray', editable: false, terminal: true },
    ],
    initialState: 'draft',
    transitions: [
      {
        key: 'open',
        from: ['draft'],
        to: 'open',
        label: L('开放', 'Open'),
        roles: ['admin'],
        guard: { logic: { '<=': [{ var: 'lookup.bookings' }, { var: 'data.capacity' }] } },
      },
      { key: 'close', from: ['open'], to: 'closed', label: L('关闭', 'Close'), roles: ['admin'] },
    ],
    permissions: { sales_clerk: { create: false, read: true } },
    lookups: [
      {
        name: 'bookings',
        label: L('送货时段', 'Delivery slot'),
        type: 'slot_booking',
        match: { 'data.slot': { var: 'data.slot' }, state: { in: ['booked', 'arrived'] } },
        aggregate: 'count',
      },
    ],
    indexes: [{ keys: { 'data.slot': 1 } }],
    listColumns: ['data.slot', 'data.capacity', 'state'],
  };
}
