// The audit log's words in zh-CN and en: each action the engine records
// (recordAudit callers in engine/auth, users, definitions, approvals, finance,
// plugins) and the keys of their details. An action the app does not know yet
// shows its key, so nothing recorded is hidden.
import type { Locale } from '../../api/types';

type Text = readonly [zh: string, en: string];

export const AUDIT_ACTIONS: Record<string, Text> = {
  'auth.login': ['登录', 'Signed in'],
  'auth.logout': ['退出登录', 'Signed out'],
  'auth.login_failed': ['登录失败', 'Sign-in failed'],
  'auth.login_blocked': ['登录被拒（已锁定）', 'Sign-in refused (locked)'],
  'auth.lockout': ['账户锁定', 'Locked out'],
  'auth.refresh_reused': ['登录凭证被重复使用', 'Session token reused'],
  'auth.password_change_failed': ['修改密码失败', 'Password change failed'],
  'auth.password_change_blocked': ['修改密码被拒（已锁定）', 'Password change refused (locked)'],
  'auth.totp_enrolled': ['启用两步验证', 'Two-step sign-in enabled'],
  'user.created': ['新建用户', 'User created'],
  'user.disabled': ['停用用户', 'User disabled'],
  'user.enabled': ['启用用户', 'User enabled'],
  'user.roles_changed': ['修改角色', 'Roles changed'],
  'user.password_reset': ['重置密码', 'Password reset'],
  'user.password_changed': ['修改密码', 'Password changed'],
  'user.totp_reset': ['重置两步验证', 'Two-step sign-in reset'],
  'user.unlocked': ['解除锁定', 'User unlocked'],
  'role.created': ['新建角色', 'Role created'],
  'definition.published': ['发布单据类型', 'Document type published'],
  'approval.delegation.created': ['设置审批委托', 'Approval delegated'],
  'approval.delegation.deleted': ['取消审批委托', 'Delegation removed'],
  'finance.period.close': ['结账', 'Period closed'],
  'finance.period.reopen': ['反结账', 'Period reopened'],
  'finance.account.save': ['保存会计科目', 'Account saved'],
  'finance.account.delete': ['删除会计科目', 'Account deleted'],
  'plugin.installed': ['安装插件', 'Plugin installed'],
  'plugin.upgraded': ['升级插件', 'Plugin upgraded'],
  'plugin.uninstalled': ['卸载插件', 'Plugin uninstalled'],
  'plugin.archived': ['卸载插件（保留单据）', 'Plugin uninstalled (documents kept)'],
};

/** Detail keys as people say them; `from`/`to` pairs are shown as one "before → after" line. */
export const DETAIL_KEYS: Record<string, Text> = {
  roles: ['角色', 'Roles'],
  userId: ['用户 ID', 'User id'],
  reason: ['原因', 'Reason'],
  failures: ['失败次数', 'Failures'],
  lock: ['锁定对象', 'Lock'],
  until: ['截止', 'Until'],
  secondFactor: ['第二验证方式', 'Second factor'],
  key: ['单据类型', 'Document type'],
  version: ['版本', 'Version'],
  previousVersion: ['原版本', 'Previous version'],
  source: ['来源', 'Source'],
  warnings: ['检查提示', 'Warnings'],
  label: ['名称', 'Name'],
  period: ['期间', 'Period'],
  code: ['科目编码', 'Account code'],
  name: ['名称', 'Name'],
  role: ['过账用途', 'Posting role'],
  definitions: ['单据类型', 'Document types'],
  seed: ['初始数据', 'Seed data'],
  archived: ['保留单据', 'Documents kept'],
  delegate: ['受托人', 'Delegate'],
  documents: ['单据数', 'Documents'],
};

/**
 * A change an action records as two details, shown as one "before → after" line
 * labelled by `key` (a delegation's `to` is a person, its `from` a date: no pair).
 */
export const PAIRS: Record<string, { key: string; from: string; to: string; onlyChanges?: boolean }> = {
  'user.roles_changed': { key: 'roles', from: 'from', to: 'to' },
  'plugin.upgraded': { key: 'version', from: 'from', to: 'to' },
  // A first version is in the subject already ("销售订单 v1").
  'definition.published': { key: 'version', from: 'previousVersion', to: 'version', onlyChanges: true },
};

/** Details the row already says elsewhere (the subject names the user and the document type). */
export const SAID_ELSEWHERE: Record<string, string[]> = {
  '*': ['userId'],
  'definition.published': ['key'],
};

/** Detail values that are words, not data. */
export const DETAIL_VALUES: Record<string, Text> = {
  none: ['无', 'none'],
  totp: ['动态验证码', 'authenticator code'],
  recovery_code: ['恢复码', 'recovery code'],
  disabled: ['账户已停用', 'account disabled'],
  wrong_password: ['密码错误', 'wrong password'],
  unknown_user: ['用户不存在', 'unknown user'],
  wrong_totp: ['动态验证码错误', 'wrong authenticator code'],
  wrong_recovery_code: ['恢复码错误', 'wrong recovery code'],
  builtin: ['内置', 'built in'],
  api: ['表单设计器', 'form designer'],
};

export const say = (text: Text | undefined, locale: Locale, fallback: string): string =>
  text ? text[locale === 'zh-CN' ? 0 : 1] : fallback;

export const ACTION_GROUPS = ['auth', 'user', 'role', 'definition', 'approval', 'finance', 'plugin'] as const;
