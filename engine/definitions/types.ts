// The shape of a definition (DESIGN §4). meta-schema.json is the authority that
// validates one; these types mirror it for the code that executes definitions.
// Other capabilities (documents, approvals, inventory, print) import from here.

export type Locale = 'zh-CN' | 'en';

/** Every user-facing label carries both languages; zh-CN is the default UI language. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

/** A JSON-Logic expression (json-logic-js semantics). */
export type JsonLogic = null | boolean | number | string | JsonLogic[] | { [operator: string]: JsonLogic };

/**
 * A JSON Schema for a document's `data`: the subset of draft 2020-12 that ajv 8 and
 * react-jsonschema-form both understand (no $ref, no tuple `items`). Annotations
 * of our own are allowed on any node: `x-title` ({zh-CN, en} label; `title` holds
 * the zh-CN text so a plain rjsf form is readable), `x-description` ({zh-CN, en}
 * help text beside a zh-CN `description`, likewise) and `x-ref` (the key of the
 * definition a string field refers to, e.g. "customer").
 */
export type JsonSchema = { [keyword: string]: unknown };

export type Category = 'master' | 'document' | 'inventory';

/**
 * A computed field, evaluated on the server in array order after every write.
 * `field` is a data path: `total`, or `lines[].amount` for a per-line field. Per-line
 * logic sees the rule context plus `line` (the current line). Example:
 * `{"field": "lines[].amount", "logic": {"*": [{"var": "line.qty"}, {"var": "line.price"}, {"-": [1, {"var": "line.discount"}]}]}}`.
 */
export interface ComputedField {
  field: string;
  logic: JsonLogic;
}

/**
 * Document numbering. Tokens: `{YYYY}`, `{YY}`, `{MM}`, `{DD}` and exactly one
 * `{seq:N}` (N-digit zero-padded sequence). The sequence restarts in every period
 * the pattern's date tokens name (`{YYYY}{MM}{DD}` → daily, `{YYYY}{MM}` → monthly,
 * no date token → never). Numbers are unique; gaps are tolerated.
 */
export interface NumberingSpec {
  pattern: string;
  /** IANA zone used for the date tokens and the period; default `Asia/Shanghai`. */
  timezone?: string;
}

export interface StateDef {
  key: string;
  label: LocalizedText;
  /** CSS colour or a palette name (e.g. `gray`, `blue`, `#1677ff`). */
  color: string;
  /** Whether `data` may be changed (PATCH) while the document is in this state. */
  editable: boolean;
  /** A terminal state has no way out (completed, cancelled, closed). */
  terminal: boolean;
}

export interface GuardSpec {
  /** Rule context `{data, doc, user, now, related, lookup}`; false → 422 with `message`. */
  logic: JsonLogic;
  /**
   * Optional only for a bound on a lookup (`lookup.bookings < 5`), refused with the
   * catalogue's "full: capacity N" message; the linter asks for one everywhere else.
   */
  message?: LocalizedText;
}

export interface Approvers {
  roles?: string[];
  users?: string[];
}

export interface ApprovalLevel {
  key: string;
  label: LocalizedText;
  /** The level applies only when this holds (rule context). Absent → always applies. */
  when?: JsonLogic;
  approvers: Approvers;
  /** `any`: one approver decides; `all`: every named user (or every holder of the roles) must approve. */
  mode: 'any' | 'all';
  /** Waiting longer than this raises an escalation alert. */
  slaHours?: number;
  /** Role added to the approvers when `slaHours` passes (the escalation). */
  escalateTo?: string;
  /**
   * Who may decide this level as an approver's delegate. Absent: only users who
   * could hold the level themselves (its roles or named users).
   */
  delegates?: Approvers;
}

export interface ApprovalSpec {
  /** Applicable levels run in this order; with none applicable the transition completes at once. */
  levels: ApprovalLevel[];
  /** Where the document waits while a level is open (e.g. `pending_review`). */
  pendingState: string;
  /** Where a rejection sends the document; default: the state the transition started from. */
  rejectTo?: string;
  /** Applied once when the approval completes and the document reaches `to` (also when no level applied). */
  effects?: string[];
  /** Whether the requester may approve their own request; default false. */
  allowSelfApproval?: boolean;
}

/**
 * Change requests on approved documents (issue 5). Without `levels`, a change is
 * approved by the levels of the transition that approved the document,
 * re-evaluated on the changed data.
 */
export interface ChangeApprovalSpec {
  levels?: ApprovalLevel[];
  /** States in which a change may be requested; default: the targets of transitions with an approval. */
  states?: string[];
  /** Default: the approved transition's `allowSelfApproval`. */
  allowSelfApproval?: boolean;
}

/** What a transition asks the caller for, beside `version`. */
export type RequiredInput = 'reason' | 'comment';

export interface TransitionDef {
  key: string;
  from: string[];
  to: string;
  label: LocalizedText;
  /**
   * Roles that may run it. A user may run a transition when one of their roles is
   * listed here OR `permissions[role].transitions` lists the transition (union).
   */
  roles: string[];
  guard?: GuardSpec;
  requires?: RequiredInput[];
  approval?: ApprovalSpec;
  /**
   * Registered effect handlers (`inventory.issue`, `document.create`, …), applied
   * once when the transition is taken — for a transition with an approval, when it
   * is submitted (see `approval.effects` for what happens on approval).
   */
  effects?: string[];
  /**
   * Per-effect options, keyed by effect name, for this transition's `effects` and
   * its `approval.effects` alike (e.g. `{"document.create": {"type": "delivery", …}}`).
   */
  effectOptions?: Record<string, EffectOptions>;
}

export type EffectOptions = Record<string, unknown>;

/**
 * Options for the `inventory.*` effects. Defaults follow §13 field names: lines in
 * `data.lines`, each with `product` and `qty`; the warehouse in `data.warehouse`.
 */
export interface InventoryEffectOptions {
  warehouseField?: string;
  /** For transfers: source and destination warehouse fields. */
  fromWarehouseField?: string;
  toWarehouseField?: string;
  linesField?: string;
  productField?: string;
  qtyField?: string;
  batchField?: string;
  expiryField?: string;
  /** goods_receipt: the purchase order whose `incoming` the receipt reduces. */
  purchaseOrderField?: string;
  /**
   * `inventory.reserve`: a short order is accepted as a backorder (allocated when
   * stock arrives) when the definition allows it here and the order's
   * `backorderField` is true, or its products sell against incoming stock.
   */
  backorders?: boolean;
  backorderField?: string;
  /** Backorders are filled by this field (1 first), then `needByField` (a date), then order time. */
  priorityField?: string;
  needByField?: string;
}

/** `document.create`: creates a document of `type` whose data is built by JSON-Logic per field. */
export interface DocumentCreateOptions {
  type: string;
  data: Record<string, JsonLogic>;
  /** The state the new document starts in (one the target declares); default its initial state. */
  state?: string;
}

export interface TemplateDef {
  key: string;
  label: LocalizedText;
  kind: 'print' | 'message';
  /** Handlebars; sees `{doc, data, related, locale}`. */
  body: string;
  /** Message templates: the subject line (Handlebars, same context). */
  subject?: string;
}

/** `true` all rows; `'own'` rows the user created; `{filter}` rows where the JSON-Logic holds. */
export type ReadPermission = boolean | 'own' | { filter: JsonLogic };

export interface PermissionSpec {
  create?: boolean;
  read?: ReadPermission;
  /** Changes to `data` in editable states; `'own'` only documents the user created. */
  update?: boolean | 'own';
  /** Transition keys this role may run (in addition to `TransitionDef.roles`). */
  transitions?: string[];
  /** Top-level data fields this role may read but not set (create, PATCH, change requests, import); forms show them read-only. */
  readOnlyFields?: string[];
}

/**
 * A referenced document rules and templates may see as `related.<name>`.
 * `field` is a data path holding the referenced id. For a per-line reference
 * (`lines[].product`) `related.<name>` is an object keyed by referenced id.
 * Besides its data fields, a related document exposes `id`, `number`, `state`,
 * and for customers `openOrdersTotal` and `openReceivables` (supplied by the engine).
 */
export interface RelatedSpec {
  type: string;
  field: string;
}

/** A value a lookup's match compares a field with: from the rule context, a literal, or one of a list. */
export type LookupMatchValue = { var: string } | string | number | boolean | { in: Array<string | number | boolean> };

export type LookupAggregate = 'count' | 'sum' | 'min' | 'max' | 'exists';

/**
 * A figure over other documents that rules read as `lookup.<name>`: documents of
 * `type` whose fields (`state`, `number`, `createdBy`, `data.…`) equal the match
 * values — `{"var": "data.slot"}` takes the value from this document's data —
 * aggregated (`sum`, `min`, `max` of `field`, `count`, `exists`). The document
 * itself never counts. The engine turns the match into an indexed store query
 * (never raw input) and evaluates it with system rights; rules see only the figure.
 */
export interface LookupDef {
  name: string;
  /** How refusals name it ("送货预约" / "Delivery bookings"). */
  label?: LocalizedText;
  type: string;
  match: Record<string, LookupMatchValue>;
  aggregate: LookupAggregate;
  /** The summed or compared field (`data.total`); required for sum, min and max. */
  field?: string;
}

/** Paths are relative to the document as the API returns it: `number`, `state`, `data.code`. */
export interface IndexDef {
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface Definition {
  key: string;
  /** Assigned on publish (n+1); optional in a definition sent to lint or publish. */
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  category: Category;
  schema: JsonSchema;
  /** react-jsonschema-form UI schema (`ui:order`, `ui:widget`, `ui:options`, …). */
  uiSchema?: Record<string, unknown>;
  computed?: ComputedField[];
  numbering?: NumberingSpec;
  states: StateDef[];
  initialState: string;
  transitions: TransitionDef[];
  templates?: TemplateDef[];
  /** Keyed by role (`admin`, `sales_clerk`, …). */
  permissions?: Record<string, PermissionSpec>;
  related?: Record<string, RelatedSpec>;
  /** Figures over other documents, read by rules as `lookup.<name>`. */
  lookups?: LookupDef[];
  /** How change requests on approved documents are approved. */
  changeApproval?: ChangeApprovalSpec;
  indexes?: IndexDef[];
  /** Document-relative paths shown in lists: `number`, `state`, `data.customer`, … */
  listColumns?: string[];
  /** Document-relative paths searched by `?q=`. */
  searchFields?: string[];
  /** Set on the version an archiving plugin uninstall publishes: its documents stay readable, nothing writes them. */
  archived?: boolean;
}

/** A definition as sent by a client: the engine assigns `version` on publish. */
export type DefinitionInput = Omit<Definition, 'version'> & { version?: number };

/** Where a meta-schema or lint finding points: a JSON Pointer into the definition. */
export interface Finding {
  /** Stable id of the check that produced it (e.g. `unreachable-state`). */
  rule: string;
  severity: 'error' | 'warning';
  path: string;
  /** zh-CN first, then English: `中文说明 / English explanation`. */
  message: string;
  i18n: LocalizedText;
}

/** The roles of §13; definitions may name others (plugins add their own). */
export const BUILTIN_ROLES = [
  'admin',
  'sales_clerk',
  'sales_manager',
  'finance_manager',
  'purchaser',
  'purchase_manager',
  'warehouse_keeper',
] as const;

/** Effect handlers the engine registers; plugins may register more (unknown names are a lint warning). */
export const BUILTIN_EFFECTS = [
  'inventory.reserve',
  'inventory.release',
  'inventory.issue',
  'inventory.receive',
  /** Purchase order approved: its lines count as `incoming`. */
  'inventory.expect',
  /** Purchase order cancelled or closed: remove what is still `incoming`. */
  'inventory.unexpect',
  'inventory.transfer',
  /** Stocktake: moves book quantity to counted quantity, recording the variance. */
  'inventory.adjust',
  'document.create',
  'notify',
  /** Finance (engine/finance): refuse a posting into a closed period; vouchers of stock postings. */
  'finance.period_open',
  'finance.cogs',
  'finance.stock_voucher',
  /** Sales invoices and customer receipts (engine/finance). */
  'finance.invoice_check',
  'finance.invoice_post',
  'finance.invoice_reverse',
  'finance.receipt_allocate',
  'finance.receipt_post',
  /** Supplier invoices and payments, credit applied (engine/finance). */
  'finance.bill_check',
  'finance.bill_post',
  'finance.bill_reverse',
  'finance.payment_allocate',
  'finance.payment_post',
  'finance.credit_apply',
  'finance.prepayment_apply',
  /** Stock arrived (receipt, transfer in, return): allocate it to waiting backorders (engine/inventory/allocate.ts). */
  'inventory.allocate',
  /** Shipments (engine/fulfilment): a delivery ships part of an order; the whole order ships; the order shows it. */
  'fulfilment.ship',
  'fulfilment.ship_order',
  'fulfilment.sync',
  /** After-sales cases (engine/aftersales): the sales return on resolve; the customer credit on its receipt. */
  'after_sales.settle',
  'after_sales.credit',
  /** An exchange's replacement: issued before the resolve commits, its delivery and cost after. */
  'after_sales.issue_replacement',
  'after_sales.deliver_replacement',
] as const;

/** The envelope rules see as `doc` (and templates as `doc`). */
export const DOC_ENVELOPE_FIELDS = [
  'id',
  'type',
  'number',
  'state',
  'version',
  'definitionVersion',
  'approval',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
] as const;

/** What rules see as `user`. */
export const USER_FIELDS = ['id', 'username', 'roles'] as const;

/** Handlebars helpers the print engine registers, beside Handlebars' own. */
export const TEMPLATE_HELPERS = ['rmbUpper'] as const;
