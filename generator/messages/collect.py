"""The messages of generator/collect/ (ids → zh / en): accounts, logins, campaigns and the API's refusals."""

ACCOUNTS = {
    "acc_bad_name": {"zh": "账号名不能为空，且不超过 200 个字", "en": "the account name must be 1–200 characters"},
    "acc_bad_role": {"zh": "角色“{role}”不存在，应为 {roles}", "en": "no role '{role}'; use {roles}"},
    "acc_needs_county": {"zh": "请用 --county 写明账号所属的县（区）", "en": "name the account's county with --county"},
    "acc_needs_school": {"zh": "学校账号须用 --school 写明学校名称", "en": "a school account needs --school"},
    "acc_school_only": {"zh": "只有学校账号才写 --school（此账号的角色是 {role}）",
                        "en": "--school is for school accounts only (this one is {role})"},
    "acc_short_password": {"zh": "密码至少 {length} 个字符", "en": "the password needs at least {length} characters"},
    "acc_exists": {"zh": "账号“{name}”已存在", "en": "account '{name}' exists already"},
    "acc_unknown": {"zh": "没有账号“{name}”", "en": "no account '{name}'"},
    "acc_no_password": {"zh": "请从标准输入给出密码（--password-stdin）", "en": "give the password on stdin (--password-stdin)"},
    "login_failed": {"zh": "账号或密码不对", "en": "wrong account name or password"},
    "login_locked": {"zh": "连续登录失败次数过多，账号已锁定 {minutes} 分钟，请稍后再试",
                     "en": "too many failed logins: the account is locked for {minutes} minutes"},
}

CAMPAIGNS = {
    "col_unauthorized": {"zh": "请先登录（或提供有效的 API 令牌）", "en": "log in first (or give a valid API token)"},
    "col_forbidden": {"zh": "此账号无权进行这项操作", "en": "this account may not do that"},
    "col_csrf": {"zh": "表单已过期或来源不明，请刷新页面后重试", "en": "the form expired or came from elsewhere; reload and retry"},
    "col_no_campaign": {"zh": "没有这个填报任务", "en": "no such campaign"},
    "col_no_school": {"zh": "本任务中没有这所学校", "en": "no such school in this campaign"},
    "col_other_county": {"zh": "只能为本县（区）创建填报任务，不能为“{county}”",
                         "en": "a county account creates campaigns of its own county only, not '{county}'"},
    "col_bad_year": {"zh": "年度应为 1990–2100 之间的整数", "en": "the year must be a whole number 1990–2100"},
    "col_bad_profile": {"zh": "没有评估标准“{name}”，可选：{known}", "en": "no standard '{name}'; choose one of {known}"},
    "col_unusable": {"zh": "有数据无法使用，未保存，请按提示修改", "en": "some values cannot be used; nothing was stored"},
    "col_required": {"zh": "必填项“{label}”尚未填写", "en": "'{label}' is required and not filled in yet"},
    "col_incomplete": {"zh": "还有必填项未填，不能提交", "en": "required facts are still missing: cannot submit"},
    "col_locked": {"zh": "本校数据当前状态为“{state}”，学校不能修改；如需修改请县（区）退回",
                   "en": "the school's facts are {state}: the school cannot change them until the county returns them"},
    "col_conflict": {"zh": "数据已被他人修改（当前版本 {version}，状态“{state}”），请刷新后再改，以免覆盖",
                     "en": "someone changed these facts meanwhile (now version {version}, {state}); reload first"},
    "col_step": {"zh": "当前状态“{state}”下不能进行“{step}”", "en": "'{step}' does not apply to a school that is {state}"},
    "col_nothing_accepted": {"zh": "还没有已审核通过的学校，无法评估", "en": "no school is accepted yet: nothing to evaluate"},
    "col_no_document": {"zh": "没有这种材料：{kind}", "en": "no such document: {kind}"},
    "col_no_centre": {"zh": "本任务中没有这个中心学校", "en": "no such centre school in this campaign"},
    "col_bad_json": {"zh": "请求体应为 JSON 对象", "en": "the request body must be a JSON object"},
    "col_pg_tool_failed": {"zh": "错误: {tool} 未能完成（需安装 PostgreSQL 客户端，且版本不低于服务器）：{detail}",
                           "en": "error: {tool} failed (it needs the PostgreSQL client, not older than the server): {detail}"},
    "col_pg_connect": {"zh": "错误: 无法连接 PostgreSQL 数据库（请先建好数据库，检查地址、账号和密码）：{detail}",
                       "en": "error: cannot connect to the PostgreSQL database (create it first; check the URL): {detail}"},
    "col_pg_restored": {"zh": "已恢复到 PostgreSQL 数据库；启动 junheng serve 时会自动升级到当前版本",
                        "en": "restored into the PostgreSQL database; junheng serve upgrades it at its next start"},
    "col_not_allowed": {"zh": "此地址不支持这种请求方法", "en": "this address does not take that method"},
}

# `junheng accounts print`, `junheng backup` and `junheng restore`
COPIES = {
    "acc_print_header": {"zh": "学校\t账号\t初始密码", "en": "school\taccount\tfirst password"},
    "col_backup_exists": {"zh": "错误: {path} 已存在（覆盖请加 --force）",
                          "en": "error: {path} exists already (add --force to overwrite it)"},
    "col_backup_no_database": {"zh": "错误: {data} 中没有数据库（PostgreSQL 请加 --db URL）",
                               "en": "error: {data} holds no database (for PostgreSQL add --db URL)"},
    "col_backup_written": {"zh": "{path}（{size:,} 字节）", "en": "{path} ({size:,} bytes)"},
    "col_restore_not_pg_dump": {"zh": "错误: {path} 不是 junheng backup --db 的备份（pg_dump 格式）",
                                "en": "error: {path} is not a copy made by junheng backup --db (pg_dump format)"},
    "col_restore_pg_has_data": {"zh": "错误: 该 PostgreSQL 数据库中已有数据；确认替换请加 --force（请先停止服务）",
                                "en": "error: the PostgreSQL database holds data already; add --force to replace it "
                                      "(stop the server first)"},
    "col_restore_has_database": {"zh": "错误: {data} 中已有数据库；确认替换请加 --force（请先停止服务）",
                                 "en": "error: {data} holds a database already; add --force to replace it "
                                       "(stop the server first)"},
    "col_restore_not_backup": {"zh": "错误: {path} 不是 junheng 的备份", "en": "error: {path} is not a junheng backup"},
}

TABLES = (ACCOUNTS, CAMPAIGNS)

STATUS = {
    "col_status_missing": {"zh": "未填报", "en": "not started"},
    "col_status_draft": {"zh": "草稿", "en": "draft"},
    "col_status_submitted": {"zh": "已提交", "en": "submitted"},
    "col_status_accepted": {"zh": "已通过", "en": "accepted"},
    "col_status_returned": {"zh": "已退回", "en": "returned"},
    "col_step_submit": {"zh": "提交", "en": "submit"},
    "col_step_accept": {"zh": "通过", "en": "accept"},
    "col_step_return": {"zh": "退回", "en": "return"},
}

TABLES = (ACCOUNTS, CAMPAIGNS, STATUS, COPIES)
