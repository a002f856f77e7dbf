"""The English help of each verb (`junheng VERB --help --lang en`), keyed by the command below `junheng`; the
Chinese help is the verb's docstring. Each shows what the verb does and one example per common use."""

HELP_EN = {
    "": """junheng (均衡): exact, fast paperwork for 义务教育均衡发展.

    \b
    Try it:
      junheng check samples/dongshe-primary.yaml        one school's ten basic conditions
      junheng check samples/county/county.yaml          a county: conditions, CVs, government score
      junheng check samples/county/county.yaml --json   machine-readable
      junheng profiles                                  the standards you can choose
      junheng new school -o my-school.yaml              a blank fact file to fill in

    Exit codes (every verb): 0 everything holds, 1 something falls short or is undecided, 2 the input or the
    command line cannot be used, 130 interrupted (Ctrl-C).
    """,
    "check": """Check the fact file of a school, a county or a centre school (YAML or an .xlsx workbook).

    \b
    Examples:
      junheng check samples/dongshe-primary.yaml
      junheng check samples/county/county.yaml --profile example-a --json
      junheng check county.xlsx --xlsx verdicts.xlsx
    """,
    "rules": """List every rule of a standard: id, name, threshold, unit, source.

    \b
    Examples:
      junheng rules
      junheng rules --profile guizhou --json
    """,
    "profiles": """List the standards you can use: Chinese name, document number, what each builds on, and what to
    write after --profile. Your own standards (YAML files with inherits:) given here or lying in the current folder
    are listed too.

    \b
    Examples:
      junheng profiles
      junheng profiles my-county-standard.yaml
      junheng profiles --json
    """,
    "new": """Write a blank fact file (every key empty, with its Chinese name, unit and an example in a comment), or a
    fill-in workbook.

    \b
    Examples:
      junheng new school -o school.yaml
      junheng new school --stage nine_year --keys zh -o school.yaml
      junheng new county -o county.xlsx
    """,
    "report": """Write the 自查报告 (self-assessment report) of a school or a county as .docx (and PDF).

    \b
    Examples:
      junheng report samples/dongshe-primary.yaml -o report.docx
      junheng report samples/county/county.yaml -o county-report.docx --date 2024-09-01 --pdf
      junheng report samples/county/county.yaml --each-school -o reports/
    """,
    "plan": """Write the 整改方案 (improvement plan) and its ledger; with --least-cost, the cheapest plan that meets
    the standard.

    \b
    Examples:
      junheng plan samples/dongshe-primary.yaml -o plan.docx --ledger ledger.xlsx
      junheng plan samples/county/county.yaml --least-cost
      junheng plan samples/county/county.yaml --least-cost -o least-cost.docx
    """,
    "audit": """Recompute every figure a fact file or a report states and name each one that does not add up.

    \b
    Examples:
      junheng audit samples/audit/county-errors.yaml
      junheng audit samples/reports/report.docx --emit-facts facts.yaml
      junheng audit samples/audit/county-errors.yaml -o opinion.docx
    """,
    "slogans": """Choose banner slogans (for a school's or county's weak items, or a centre school's sites).

    \b
    Examples:
      junheng slogans --count 10
      junheng slogans --for samples/dongshe-primary.yaml -o slogans.docx
    """,
    "publicity": """Write a centre school's 宣传方案 (publicity scheme) with its slogan list.

    \b
    Examples:
      junheng publicity samples/dongong-centre.yaml -o publicity.docx
      junheng publicity samples/dongong-centre.yaml --each-school -o schools/
    """,
    "export": """Turn a fact file into a workbook, or a workbook back into YAML; nothing added or lost.

    \b
    Examples:
      junheng export samples/county/county.yaml -o county.xlsx
      junheng export county.xlsx -o county.yaml
    """,
    "serve": """Run the browser front end on this computer.

    \b
    Examples:
      junheng serve
      junheng serve --port 8080
    """,
    "accounts": """Manage the accounts of junheng serve --data: county, school and inspector accounts.

    \b
    Examples:
      echo 'S3cret-pass' | junheng accounts --data junheng-data add 教育局 --role county --county 清河县 --password-stdin
      junheng accounts --data junheng-data list
      junheng accounts --data junheng-data print --county 清河县 --school 东社小学 --school 西社小学
    """,
    "backup": """Back up the database while the server runs: SQLite by its online backup, PostgreSQL (--db) by pg_dump.

    \b
    Examples:
      junheng backup --data junheng-data -o backup-2026-12-07.sqlite3
      junheng backup --db postgresql://junheng@localhost/junheng -o backup-2026-12-07.dump
    To restore: junheng restore --data junheng-data backup-2026-12-07.sqlite3 (stop the server first)
    """,
    "restore": """Replace the database with a backup (stop junheng serve first); it is upgraded to this version at the
    next start. PostgreSQL (--db): pg_restore puts back a backup made by junheng backup --db.

    \b
    Examples:
      junheng restore --data junheng-data backup-2026-12-07.sqlite3
      junheng restore --db postgresql://junheng@localhost/junheng backup-2026-12-07.dump --force
    """,
}
