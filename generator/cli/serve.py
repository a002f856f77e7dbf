"""`junheng serve`: the browser front end for schools, centre schools, county bureaus and inspectors."""
from __future__ import annotations

import click


def register(main: click.Group) -> None:
    """Add this module's verb to the `junheng` group."""
    main.add_command(serve)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；局域网内使用请写 0.0.0.0 / address to listen on (0.0.0.0 for the intranet)")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口 / port")
@click.option("--keep", type=click.Path(file_okay=False), metavar="DIR",
              help="另存每份生成的材料到此文件夹（默认什么都不保存）/ also save every produced file here")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="同时处理的请求数 / requests served at once")
@click.option("--pdf-processes", default=1, show_default=True, type=click.IntRange(1, 8),
              help="同时运行的 LibreOffice 转换数 / LibreOffice conversions at once")
@click.option("--pdf-timeout", default=180, show_default=True, type=click.IntRange(10, 3600),
              help="一次 PDF 转换的时限（秒）/ seconds one conversion may take")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="错误提示语言 / message language")
@click.option("--data", type=click.Path(file_okay=False), metavar="DIR",
              help="数据填报：账号、填报任务和各校数据保存在此文件夹（首次启动时建立；常用 ./junheng-data）"
                   " / collect the schools' facts: keep accounts and campaigns under DIR")
@click.option("--db", "db", metavar="URL",
              help="数据填报的记录改存 PostgreSQL（postgresql://USER@HOST/NAME）；上传文件仍在 --data 中"
                   " / keep the records in PostgreSQL")
def serve(host, port, keep, threads, pdf_processes, pdf_timeout, lang, data, db):
    """在浏览器中使用 junheng：学校/县（区）检查与材料、中心学校宣传方案、督导核查。

    \b
    例 / example:
      junheng serve                          本机：浏览器打开 http://127.0.0.1:8000
      junheng serve --host 0.0.0.0 --port 8000   局域网：其他电脑打开 http://本机IP:8000
      junheng serve --data junheng-data      数据填报：学校登录填报，县（区）审核（账号见 junheng accounts）
    """
    from waitress import serve as run

    from generator.web.app import MAX_UPLOAD, create_app

    if db and not data:
        data = "junheng-data"
    if data:
        from generator.collect.app import create_collect_app
        app = create_collect_app(data, db, keep=keep, pdf_slots=pdf_processes, pdf_timeout=pdf_timeout, lang=lang)
    else:
        app = create_app(keep=keep, pdf_slots=pdf_processes, pdf_timeout=pdf_timeout, lang=lang)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"junheng serve：浏览器打开 http://{shown}:{port}/（Ctrl+C 停止）", err=True)
    if keep:
        click.echo(f"生成的材料另存到 {keep}", err=True)
    if data:
        click.echo(f"数据填报：登录 http://{shown}:{port}/login；数据保存在 {db and 'PostgreSQL' or data}", err=True)
    # waitress refuses bodies far past Flask's limit itself, so a huge upload is never buffered whole
    run(app, host=host, port=port, threads=threads, max_request_body_size=MAX_UPLOAD * 2,
        channel_timeout=120, ident="junheng")
