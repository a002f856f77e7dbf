"""`junheng accounts`, `junheng backup` and `junheng restore`: the accounts and the data folder of
`junheng serve --data DIR` (generator.collect)."""
from __future__ import annotations

import sys

import click

from pathlib import Path

from generator.cli.common import EXIT_INPUT, EXIT_OK, lang_option
from generator.i18n import message

DATA_HELP = "数据文件夹（与 junheng serve --data 相同）/ the data folder of junheng serve"
DB_HELP = "PostgreSQL 数据库地址，如 postgresql://user@host/junheng（默认用 DIR 中的 SQLite）/ a PostgreSQL URL"


def register(main: click.Group) -> None:
    main.add_command(accounts)
    main.add_command(backup)
    main.add_command(restore)


def _refuse(text: str) -> None:
    click.echo(text, err=True)
    sys.exit(EXIT_INPUT)


def _store(data, db):
    from generator.collect.db import Store
    return Store(data, db)


def _account_error(error, lang):
    _refuse(message("error_prefix", lang) + ": " + message(error.msg_id, lang, **error.params))


@click.group()
@click.option("--data", default="junheng-data", show_default=True, type=click.Path(file_okay=False), help=DATA_HELP)
@click.option("--db", "db", metavar="URL", help=DB_HELP)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="提示语言 / language")
@click.pass_context
def accounts(ctx, data, db, lang):
    """管理 junheng serve --data 的账号：县（区）、学校、督导。

    \b
    例：
      echo 'S3cret-pass' | junheng accounts --data junheng-data add 教育局 --role county --county 清河县 --password-stdin
      junheng accounts --data junheng-data list
      junheng accounts --data junheng-data print --county 清河县 --school 东社小学 --school 西社小学
    """
    ctx.obj = {"data": data, "db": db, "lang": lang}


@accounts.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["county", "school", "inspector"]), help="角色 / role")
@click.option("--county", required=True, help="所属县（区）/ the account's county")
@click.option("--school", help="学校账号的学校名称 / the school of a school account")
@click.option("--password-stdin", "password_stdin", is_flag=True, help="从标准输入读密码 / read the password from stdin")
@click.pass_obj
def add(obj, name, role, county, school, password_stdin):
    """新建账号；最后一行输出 API 令牌（只显示这一次）/ create an account; prints its API token last."""
    from generator.collect import accounts as store_accounts
    if not password_stdin:
        _refuse(message("acc_no_password", obj["lang"]))
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        token = store_accounts.add(_store(obj["data"], obj["db"]), name, role, county, school, password)
    except store_accounts.AccountError as error:
        _account_error(error, obj["lang"])
    click.echo(token)


@accounts.command("list")
@click.option("--county", help="只列出此县（区）/ only this county")
@click.pass_obj
def list_accounts(obj, county):
    """列出账号 / list the accounts."""
    from generator.collect import accounts as store_accounts
    for account in store_accounts.listing(_store(obj["data"], obj["db"]), county):
        state = "disabled" if account.disabled else "active"
        click.echo("\t".join([account.name, account.role, account.county, account.school or "", state]))


@accounts.command("disable")
@click.argument("name")
@click.pass_obj
def disable(obj, name):
    """停用账号（令牌和登录随即失效）/ disable an account (its token and sessions stop at once)."""
    from generator.collect import accounts as store_accounts
    try:
        store_accounts.disable(_store(obj["data"], obj["db"]), name)
    except store_accounts.AccountError as error:
        _account_error(error, obj["lang"])
    click.echo(name)


@accounts.command("token")
@click.argument("name")
@click.pass_obj
def token(obj, name):
    """换发 API 令牌（旧令牌作废），最后一行输出新令牌 / a new API token; the old one stops working."""
    from generator.collect import accounts as store_accounts
    try:
        click.echo(store_accounts.renew_token(_store(obj["data"], obj["db"]), name))
    except store_accounts.AccountError as error:
        _account_error(error, obj["lang"])


@accounts.command("print")
@click.option("--county", required=True, help="县（区）/ the county")
@click.option("--school", "schools", multiple=True, required=True, help="学校名称，可重复 / a school (repeatable)")
@click.option("--prefix", default="", help="新账号名的前缀（默认“县名-”）/ prefix of new account names")
@click.pass_obj
def print_accounts(obj, county, schools, prefix):
    """学校账号和初始密码清单（新建缺少的账号；未登录过的账号重设初始密码）/ school accounts with
    first-time passwords, to print and hand out."""
    from generator.collect import accounts as store_accounts
    try:
        rows = store_accounts.school_accounts_for(_store(obj["data"], obj["db"]), county, schools,
                                                  prefix or f"{county}-")
    except store_accounts.AccountError as error:
        _account_error(error, obj["lang"])
    click.echo(message("acc_print_header", obj["lang"]))
    for name, school, password in rows:
        click.echo(f"{school}\t{name}\t{password}")


@click.command()
@click.option("--data", default="junheng-data", show_default=True, type=click.Path(file_okay=False), help=DATA_HELP)
@click.option("--db", "db", metavar="URL", help=DB_HELP)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="备份文件 / the copy to write")
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite OUTPUT")
@lang_option
def backup(data, db, output, force, lang):
    """在服务运行时备份数据库：SQLite 用在线备份，PostgreSQL（--db）用 pg_dump。

    \b
    例：
      junheng backup --data junheng-data -o 备份-2026-12-07.sqlite3
      junheng backup --db postgresql://junheng@localhost/junheng -o 备份-2026-12-07.dump
    恢复：junheng restore --data junheng-data 备份-2026-12-07.sqlite3（先停止服务）
    """
    from generator.collect import backup as copies
    from generator.collect.db import sqlite_path
    if Path(output).exists() and not force:
        _refuse(message("col_backup_exists", lang, path=output))
    if db:
        try:
            size = copies.backup_postgres(db, output)
        except copies.ToolError as error:
            _refuse(message("col_pg_tool_failed", lang, tool="pg_dump", detail=str(error)))
    else:
        if not sqlite_path(Path(data)).exists():
            _refuse(message("col_backup_no_database", lang, data=data))
        size = copies.backup(data, output)
    click.echo(message("col_backup_written", lang, path=output, size=size))
    sys.exit(EXIT_OK)


@click.command()
@click.option("--data", default="junheng-data", show_default=True, type=click.Path(file_okay=False), help=DATA_HELP)
@click.option("--db", "db", metavar="URL", help=DB_HELP)
@click.argument("copy", type=click.Path(dir_okay=False, exists=True))
@click.option("--force", is_flag=True, help="替换已有的数据库 / replace the database DIR holds")
@lang_option
def restore(data, db, copy, force, lang):
    """用备份替换数据库（请先停止 junheng serve）；下次启动时自动升级到当前版本。
    PostgreSQL（--db）：用 pg_restore 恢复 junheng backup --db 的备份。

    \b
    例：
      junheng restore --data junheng-data 备份-2026-12-07.sqlite3
      junheng restore --db postgresql://junheng@localhost/junheng 备份-2026-12-07.dump --force
    """
    import sqlite3

    from generator.collect import backup as copies
    from generator.collect.db import sqlite_path
    if db:
        if not copies.is_pg_dump(copy):
            _refuse(message("col_restore_not_pg_dump", lang, path=copy))
        if _holds_junheng(data, db, lang) and not force:
            _refuse(message("col_restore_pg_has_data", lang))
        try:
            copies.restore_postgres(copy, db)
        except copies.ToolError as error:
            _refuse(message("col_pg_tool_failed", lang, tool="pg_restore", detail=str(error)))
        click.echo(message("col_pg_restored", lang))
        return
    if sqlite_path(Path(data)).exists() and not force:
        _refuse(message("col_restore_has_database", lang, data=data))
    try:
        with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as check:
            check.execute("SELECT count(*) FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        _refuse(message("col_restore_not_backup", lang, path=copy))
    copies.restore(copy, data)
    click.echo(str(sqlite_path(Path(data))))


def _holds_junheng(data, db, lang) -> bool:
    import sqlalchemy as sa

    from generator.collect.db import Store
    store = Store(data, db, upgrade_schema=False)
    try:
        return sa.inspect(store.engine).has_table("alembic_version")
    except sa.exc.OperationalError as error:       # no such server or database, refused login
        _refuse(message("col_pg_connect", lang, detail=str(error.orig).strip().splitlines()[0][:300]))
    finally:
        store.close()
