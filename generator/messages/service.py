"""The messages of generator/service/ (ids → zh / en)."""

# generator/service/evaluate.py
EVALUATE = {
    "inline_school_path": {"zh": "此处须直接写出学校的数据，不能引用文件“{path}”",
                           "en": "give the school's data here, not a file name ('{path}')"},
}

TABLES = (EVALUATE,)
