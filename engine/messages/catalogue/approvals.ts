// Approvals: change and cancellation requests, decisions, delegations.
import type { Entry } from './entry';

export const approvals = {
  'VALIDATION_FAILED.reason_required': { 'zh-CN': '需要填写原因', en: 'a reason is required' },
  'VALIDATION_FAILED.comment_required': { 'zh-CN': '需要填写备注', en: 'a comment is required' },
  'VALIDATION_FAILED.patch_empty': { 'zh-CN': '没有要修改的内容', en: 'the patch is empty' },
  'VALIDATION_FAILED.patch_changes_nothing': { 'zh-CN': '没有实际修改', en: 'changes nothing' },
  'VALIDATION_FAILED.rejection_needs_comment': { 'zh-CN': '驳回需要填写意见', en: 'a rejection needs a comment' },
  'VALIDATION_FAILED.date_or_date_time': {
    'zh-CN': '需要日期（2026-03-02）或带时区的日期时间',
    en: 'a date (2026-03-02) or a date-time with a zone',
  },
  'VALIDATION_FAILED.until_before_from': { 'zh-CN': '结束不能早于开始', en: 'must not be before from' },
  'VALIDATION_FAILED.until_past': { 'zh-CN': '已经过去', en: 'is already past' },
  'VALIDATION_FAILED.no_such_user': { 'zh-CN': '没有这个用户', en: 'no such (enabled) user' },
  'VALIDATION_FAILED.delegate_to_self': { 'zh-CN': '不能委托给自己', en: 'cannot delegate to yourself' },
  'VERSION_CONFLICT.level_already_decided': {
    'zh-CN': '{type} {number} 的审批级别 {level} 已被审批',
    en: 'Level {level} of {type} {number} was already decided.',
  },
  'VERSION_CONFLICT.level_already_decided_by': {
    'zh-CN': '{type} {number} 的审批级别 {level} 已由 {by} 审批',
    en: 'Level {level} of {type} {number} was already decided by {by}.',
  },
  'VERSION_CONFLICT.level_already_decided_on_behalf': {
    'zh-CN': '{type} {number} 的审批级别 {level} 已由 {by} 代 {of} 审批',
    en: 'Level {level} of {type} {number} was already decided by {by} for {of}.',
  },
  'VERSION_CONFLICT.already_approved_by_you': {
    'zh-CN': '您已审批过级别 {level}，正在等待其他审批人',
    en: 'You already approved level {level}; it waits for the other approvers.',
  },
  'FORBIDDEN.self_approval': {
    'zh-CN': '不能审批自己提交的申请（级别 {level}）',
    en: 'You requested this approval; you cannot decide it yourself (level {level}).',
  },
  'FORBIDDEN.not_an_approver': {
    'zh-CN': '您不是级别 {level} 的审批人（审批人：{approvers}；您的角色：{roles}）',
    en: 'Level {level} is decided by {approvers}; you have roles {roles}.',
  },
  'RULE_FAILED.change_request_pending': {
    'zh-CN': '{type} {number} 有待审批的变更申请 {request}{about}，请先审批或驳回',
    en: '{type} {number} has change request {request}{about} waiting for approval; approve or reject it first.',
  },
  'RULE_FAILED.cancellation_request_pending': {
    'zh-CN': '{type} {number} 有待审批的取消申请 {request}{about}，请先审批或驳回',
    en: '{type} {number} has cancellation request {request}{about} waiting for approval; approve or reject it first.',
  },
  'VALIDATION_FAILED.not_a_delegate': {
    'zh-CN': '不是可以代您审批的用户',
    en: 'not someone who may decide your approvals as your delegate',
  },
  'RULE_FAILED.no_open_approval': {
    'zh-CN': '{type} {number} 没有待审批的申请（状态 “{state}”）。',
    en: 'No approval is waiting on {type} {number} (state "{state}").',
  },
  'NOT_FOUND.transition_or_change': {
    'zh-CN': '{type} 没有操作 “{transition}”（变更申请请用 “{change}”）。',
    en: '{type} has no transition "{transition}" (or use "{change}" for change requests).',
  },
  'VALIDATION_FAILED.change_request_needs': {
    'zh-CN': '变更申请需要填写：{fields}。',
    en: 'The change request needs: {fields}.',
  },
  'RULE_FAILED.no_change_requests_in_state': {
    'zh-CN': '处于状态 “{state}” 的 {type} 不接受变更申请（允许的状态：{allowed}）。',
    en: 'A {type} in state "{state}" takes no change requests (allowed in: {allowed}).',
  },
  'RULE_FAILED.request_already_waiting': {
    'zh-CN': '{number} 已有待审批的申请，请先审批。',
    en: '{number} already has a request waiting for approval; decide it first.',
  },
  'VALIDATION_FAILED.patch_is_no_change': {
    'zh-CN': '修改内容与现有数据相同，没有实际修改。',
    en: 'The patch changes nothing.',
  },
  'VALIDATION_FAILED.rejection_needs_reason': {
    'zh-CN': '驳回需要填写意见，说明原因。',
    en: 'A rejection needs a comment saying why.',
  },
  'VERSION_CONFLICT.level_moved': {
    'zh-CN': '{number} 的审批级别 {level} 已不再待审，当前级别为 {open}。',
    en: 'Level {level} is no longer open on {number}; the open level is {open}.',
  },
  'VALIDATION_FAILED.delegation_invalid': {
    'zh-CN': '委托无效：{problems}',
    en: 'The delegation is invalid: {problems}',
  },
  'NOT_FOUND.delegation': { 'zh-CN': '您没有编号为 {id} 的委托。', en: 'You have no delegation with id {id}.' },
  'RULE_FAILED.final_state_not_cancellable': {
    'zh-CN': '{number} 已处于终态 “{state}”，不能取消。',
    en: '{number} is {state}, a final state: it cannot be cancelled.',
  },
  'RULE_FAILED.not_cancellable_from_state': {
    'zh-CN': '处于状态 “{state}” 的 {type} 不能取消（允许的状态：{from}）。',
    en: 'A {type} in state "{state}" cannot be cancelled (allowed from: {from}).',
  },
  'VALIDATION_FAILED.cancellation_needs_reason': {
    'zh-CN': '取消申请需要填写原因。',
    en: 'A cancellation needs a reason.',
  },
  'RULE_FAILED.no_cancel_transition': { 'zh-CN': '{type} 没有取消操作。', en: '{type} has no cancel transition.' },
} as const satisfies Record<string, Entry>;
