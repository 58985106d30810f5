"""`migrate code` and `migrate codes`: the click front end of the file runner."""
from __future__ import annotations

import sys

import click

from migrate.settings import Settings


def known_codes() -> list[str]:
    """Every rewrite and warning code `migrate code` can report (what `migrate codes` lists)."""
    from migrate import notebook, py2to3, runner

    codes_ = [code_ for cls in runner._codemods() for code_ in cls.codes()]
    return codes_ + [py2to3.CODE, *py2to3.WARNINGS, notebook.CODE, *notebook.WARNINGS]


def _codes(value: str | None, option: str) -> frozenset[str] | None:
    """The comma-separated codes or code prefixes of --select / --ignore; a value that is
    no prefix of any known code is a usage error (a typo would silently select nothing)."""
    if value is None:
        return None
    chosen = frozenset(code_.strip().upper() for code_ in value.split(",") if code_.strip())
    known = known_codes()
    unknown = sorted(c for c in chosen if not any(k.startswith(c) for k in known))
    if unknown:
        raise click.BadParameter(
            f"unknown code{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} (`migrate codes` lists them all)",
            param_hint=option,
        )
    return chosen


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option("--diff", is_flag=True, help="Print unified diffs instead of writing.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default="all cores", help="Worker processes.")
@click.option("--select", help="Only these codes or code prefixes (comma-separated, e.g. MIG1,MIG203).")
@click.option("--ignore", help="Never these codes or code prefixes (comma-separated).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip paths matching GLOB (repeatable).")
@click.option("--report", type=click.Path(dir_okay=False), help="Write a JSON report of every change and warning.")
@click.option(
    "--keras", type=click.Choice(["auto", "3", "2"]), default="auto", show_default=True,
    help="Target Keras: 3 (tf.keras of TF 2.16+), 2 (the tf-keras package), or decide from the code.",
)
@click.option(
    "--style", type=click.Choice(["compat", "tf2"]), default="compat", show_default=True,
    help="compat: keep TF 1.x semantics (tf.compat.v1, Session); tf2: each file whole as eager TF 2 "
    "(tf.function, GradientTape, Checkpoint) or compat with a MIG602 finding naming why.",
)
@click.option("--verbose", "-v", is_flag=True, help="Also print every rewrite with its code.")
def code(paths, check, diff, jobs, select, ignore, exclude, report, keras, style, verbose):
    """Rewrite TensorFlow 1.x / Keras-2 code (.py, .ipynb) under PATHS for TensorFlow 2.

    \b
    Exit status: 0 nothing to change, 1 files changed (or would change),
    2 some input could not be processed (the others still were).
    Findings that need a human are printed as `path:line:col: MIGnnn message`;
    `# migrate: skip` on a line leaves that statement alone. `-` reads stdin
    and writes the result to stdout.
    """
    from migrate import runner

    settings = Settings(
        keras=keras, select=_codes(select, "--select"), ignore=_codes(ignore, "--ignore") or frozenset(), style=style
    )
    if paths == ("-",):
        sys.exit(_stdin(settings, check, diff, verbose))
    if "-" in paths:
        raise click.UsageError("`-` (stdin) cannot be combined with other paths")
    mode = "diff" if diff else "check" if check else "write"
    options = runner.RunOptions(mode=mode, jobs=jobs, excludes=tuple(exclude), report=report, verbose=verbose)
    sys.exit(runner.run(tuple(paths), settings, options))


def _stdin(settings: Settings, check: bool, diff: bool, verbose: bool) -> int:
    from migrate import runner

    data = sys.stdin.buffer.read()
    if settings.keras == "auto":
        from migrate.keras_target import keras2_reasons

        settings.keras = "2" if keras2_reasons(data.decode("utf-8", "replace")) else "3"
    result = runner.process_file("<stdin>", settings, keep_text=diff, data=data)
    if (check or diff) and result.status == "changed":
        runner.warnings_in_input(result, data)
    for display, finding in result.findings:
        if finding.kind == "warning" or verbose:
            click.echo(f"{display}:{finding.line}:{finding.col}: {finding.code} {finding.message}", err=True)
    if result.status == "error":
        click.echo(f"{result.where or '<stdin>'}: error: {result.error}", err=True)
        if not (check or diff):
            sys.stdout.buffer.write(data)  # a filter never swallows its input
        return 2
    if diff:
        if result.status == "changed":
            sys.stdout.write(runner.unified_diff("<stdin>", result.old_text, result.new_text))
    elif not check:
        sys.stdout.buffer.write(result.new_data if result.status == "changed" else data)
    sys.stdout.flush()
    return 1 if result.status == "changed" else 0


@click.command()
def codes():
    """List every code `migrate code` can report, with what it means."""
    from migrate.codemods import load_all

    for cls in load_all():
        kind = "rewrite" if cls.REWRITES else "warnings only"
        click.echo(f"{cls.CODE}  {cls.TITLE}  [{kind}, {cls.__module__.rsplit('.', 1)[-1]}]")
        for code_, title in cls.WARNINGS.items():
            click.echo(f"{code_}  {title}  [warning]")
    from migrate import notebook, py2to3  # not codemods: py2to3 runs before them, notebook around them

    for module in (py2to3, notebook):
        click.echo(f"{module.CODE}  {module.TITLE}  [rewrite, {module.__name__.rsplit('.', 1)[-1]}]")
        for code_, title in module.WARNINGS.items():
            click.echo(f"{code_}  {title}  [warning]")
