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
} as const satisfies Record<string, Entry>;
