// Signing in, tokens, two-factor sign-in, users, roles and the audit log.
import type { Entry } from './entry';

export const access = {
  'UNAUTHORIZED.refresh_invalid': {
    'zh-CN': '刷新令牌无效或已过期，请重新登录。',
    en: 'The refresh token is invalid or expired; log in again.',
  },
  'UNAUTHORIZED.account_gone': { 'zh-CN': '该账号已不存在。', en: 'The account no longer exists.' },
  'UNAUTHORIZED.account_disabled': { 'zh-CN': '该账号已停用。', en: 'The account is disabled.' },
  'UNAUTHORIZED.login_disabled': {
    'zh-CN': '该账号已停用，请联系管理员。',
    en: 'This account is disabled; ask an administrator.',
  },
  'UNAUTHORIZED.bearer_missing': {
    'zh-CN': '请发送 "Authorization: Bearer <token>"；令牌由 POST /api/auth/login 获取。',
    en: 'Send "Authorization: Bearer <token>"; get a token from POST /api/auth/login.',
  },
  'UNAUTHORIZED.token_expired': {
    'zh-CN': '访问令牌已过期，请用 POST /api/auth/refresh 续期或重新登录。',
    en: 'The access token has expired; renew it with POST /api/auth/refresh or log in again.',
  },
  'UNAUTHORIZED.token_invalid': { 'zh-CN': '访问令牌无效。', en: 'The access token is invalid.' },
  'UNAUTHORIZED.token_revoked': {
    'zh-CN': '访问令牌已注销（已退出登录），请重新登录。',
    en: 'The access token was revoked (logged out); log in again.',
  },
  'UNAUTHORIZED.password_reset_since': {
    'zh-CN': '签发此令牌后密码已被重置，请重新登录。',
    en: 'The password was reset since this token was issued; log in again.',
  },
  'UNAUTHORIZED.login_first': {
    'zh-CN': '请先登录（app.authenticate 须在 requireRole 之前运行）。',
    en: 'Log in first (app.authenticate must run before requireRole).',
  },
  'UNAUTHORIZED.wrong_credentials': { 'zh-CN': '用户名或密码错误。', en: 'Wrong username or password.' },
  'UNAUTHORIZED.wrong_totp': {
    'zh-CN': '一次性验证码错误或已被使用。',
    en: 'The one-time code is wrong or was already used.',
  },
  'UNAUTHORIZED.wrong_recovery_code': {
    'zh-CN': '恢复码错误或已被使用。',
    en: 'The recovery code is wrong or was already used.',
  },
  'UNAUTHORIZED.totp_required': {
    'zh-CN': '该账号启用了两步验证：请发送 "totp"（6 位验证码）或 "recoveryCode"。',
    en: 'This account uses two-factor sign-in: send "totp" (the 6-digit code) or a "recoveryCode".',
  },
  'FORBIDDEN.role_needed': {
    'zh-CN': '此操作需要角色 {needed}；您的角色：{held}。',
    en: 'This needs the role {needed}; you have {held}.',
  },
  'RULE_FAILED.totp_active': {
    'zh-CN': '该账号已启用两步验证。',
    en: 'Two-factor sign-in is already active for this account.',
  },
  'RULE_FAILED.totp_enrol_first': {
    'zh-CN': '请先用 POST /api/auth/totp/enrol 开始绑定。',
    en: 'Start enrolment first with POST /api/auth/totp/enrol.',
  },
  'VALIDATION_FAILED.totp_mismatch': {
    'zh-CN': '验证码不匹配，请检查设备时间并输入当前验证码。',
    en: 'The code does not match; check the device clock and try the current code.',
  },
  'VERSION_CONFLICT.totp_enrolment_changed': {
    'zh-CN': '绑定过程已在别处变更，请重新开始。',
    en: 'Enrolment changed meanwhile; start again.',
  },
  'RATE_LIMITED.not_found_budget': {
    'zh-CN': '查找不存在内容的请求过多，请 {wait} 秒后再试。',
    en: 'Too many requests for things that do not exist; try again in {wait} s.',
  },
  'RATE_LIMITED.sign_in_locked': {
    'zh-CN': '{who}登录失败次数过多，请在 {minutes} 分钟后重试。',
    en: 'Too many failed sign-in attempts for {who}; try again in {minutes} minute(s).',
  },
  'VALIDATION_FAILED.password_refused': {
    'zh-CN': '密码不符合要求：{reasons}。',
    en: 'Password refused: {reasons}.',
  },
  'DUPLICATE_KEY.role_exists': { 'zh-CN': '角色 "{role}" 已存在。', en: 'Role "{role}" already exists.' },
  'VALIDATION_FAILED.unknown_roles': { 'zh-CN': '未知角色：{roles}。', en: 'Unknown role(s): {roles}.' },
  'NOT_FOUND.user': { 'zh-CN': '用户 {id} 不存在。', en: 'No user with id {id}.' },
  'VALIDATION_FAILED.user_refused': { 'zh-CN': '用户信息无效：{reasons}。', en: 'User refused: {reasons}.' },
  'DUPLICATE_KEY.username_taken': {
    'zh-CN': '用户名 "{username}" 已被占用。',
    en: 'Username "{username}" is taken.',
  },
  'RULE_FAILED.last_admin': {
    'zh-CN': '无法{action}：这是最后一个启用的管理员。',
    en: 'Cannot {action}: it is the last enabled admin.',
  },
  'VALIDATION_FAILED.current_password_wrong': {
    'zh-CN': '当前密码不正确。',
    en: 'The current password is wrong.',
  },
  'RULE_FAILED.backups_embedded_only': {
    'zh-CN': '定时备份仅适用于内置存储；MongoDB 请用其自带工具备份。',
    en: 'Scheduled backups are for the embedded store; back up MongoDB with its tools.',
  },
  'INVALID_QUERY.not_a_date': {
    'zh-CN': '"{field}" 须为 ISO 8601 日期或日期时间。',
    en: '"{field}" must be an ISO 8601 date or date-time.',
  },
  'INVALID_QUERY.is_not_a_date': { 'zh-CN': '不是日期', en: 'is not a date' },
  'VALIDATION_FAILED.does_not_match': { 'zh-CN': '验证码不正确', en: 'does not match' },
  'DUPLICATE_KEY.is_taken': { 'zh-CN': '已被占用', en: 'is taken' },
  'DUPLICATE_KEY.already_exists': { 'zh-CN': '已存在', en: 'already exists' },
  'VALIDATION_FAILED.is_wrong': { 'zh-CN': '不正确', en: 'is wrong' },
  'VALIDATION_FAILED.unknown_role': {
    'zh-CN': '角色「{role}」不存在，请先创建',
    en: 'unknown role "{role}"; create it with POST /api/roles first',
  },
  'VALIDATION_FAILED.password_too_short': {
    'zh-CN': '至少 {min} 个字符',
    en: 'must be at least {min} characters long',
  },
  'VALIDATION_FAILED.password_too_long': {
    'zh-CN': '最多 {max} 个字符',
    en: 'must be at most {max} characters long',
  },
  'VALIDATION_FAILED.password_has_username': { 'zh-CN': '不能包含用户名', en: 'must not contain the username' },
  'VALIDATION_FAILED.password_too_common': {
    'zh-CN': '是最常见的密码之一，请换一个不易猜到的',
    en: 'is one of the most common passwords; choose a less guessable one',
  },
} as const satisfies Record<string, Entry>;
