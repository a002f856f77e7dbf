"""The messages of generator/web/ (ids → zh / en), one table per module that shows them.

generator.i18n merges every table here when it is first imported, so a message exists whatever
modules were loaded before; callers look words up only through i18n.message(id, lang, **params)."""

# generator/web/service.py
SERVICE = {
    "web_wrong_kind": {"zh": "此页需要{expected}的事实文件，实际 kind 是“{got}”",
                       "en": "this page needs a {expected} fact file, but kind is '{got}'"},
    "web_least_cost_county": {"zh": "最低成本达标测算需要县（区）的事实文件（kind: county）",
                              "en": "the least-cost plan needs a county fact file (kind: county)"},
    "web_pdf_busy": {"zh": "PDF 转换排队超时（同时转换的人太多），请稍后再试",
                     "en": "timed out waiting for a free PDF converter; try again later"},
}

# generator/web/uploads.py
UPLOADS = {
    "web_no_file": {"zh": "请选择要上传的文件", "en": "choose a file to upload"},
    "web_field_too_large": {"zh": "表单中的某一项超过 {limit} KB；文件请用“上传文件”提交",
                            "en": "a form field is over {limit} KB; send files with the file field"},
    "web_upload_expired": {"zh": "上次上传的文件已过期（服务器只保留 1 小时），请重新选择文件",
                           "en": "the file uploaded before has expired (kept for one hour): choose it again"},
    "web_suffix": {"zh": "只能上传 {allowed} 文件，实际是“{name}”",
                   "en": "only {allowed} files can be uploaded, got '{name}'"},
    "web_too_large": {"zh": "上传的文件超过 {limit} MB，请压缩或拆分后再传",
                      "en": "the upload is larger than {limit} MB"},
    "web_zip_bad": {"zh": "不是有效的 .zip 压缩包：{detail}", "en": "not a valid .zip archive: {detail}"},
    "web_zip_members": {"zh": "压缩包内文件过多（超过 {limit} 个）", "en": "the archive holds more than {limit} files"},
    "web_zip_size": {"zh": "压缩包解压后超过 {limit} MB（或单个文件超过 {member} MB），已拒绝",
                     "en": "the archive inflates past {limit} MB (or one file past {member} MB): refused"},
    "web_zip_name": {"zh": "压缩包内的文件名不安全（绝对路径或含“..”）：{name}",
                     "en": "unsafe name in the archive (absolute, or with '..'): {name}"},
    "web_zip_main": {"zh": "压缩包最上层应恰有一个事实文件（.yaml/.xlsx），实际有 {count} 个：{names}",
                     "en": "the archive's top level must hold exactly one fact file (.yaml/.xlsx); it has {count}: {names}"},
    "web_school_path": {"zh": "服务器上学校文件只能随县文件一起放进 .zip 上传，且为压缩包内的相对路径，"
                              "不能是绝对路径或含“..”：{path}",
                        "en": "on the server a school file must come in the same .zip as the county file, as a "
                              "relative path inside it (no absolute path, no '..'): {path}"},
    "web_schools_need_zip": {"zh": "县文件引用了 {count} 个学校文件（如 {path}）：请把县文件和这些学校文件一起打包成 "
                                   ".zip 上传，或把学校直接写在县文件（填报表）里",
                             "en": "the county file names {count} school file(s) (such as {path}): upload it together "
                                   "with them as one .zip, or write the schools inline"},
    "web_profile_shipped": {"zh": "服务器上只能用内置的评估标准（{known}），文件写的是“{name}”",
                            "en": "on the server only the shipped profiles can be used ({known}); the file names '{name}'"},
}

TABLES = (SERVICE, UPLOADS,)
