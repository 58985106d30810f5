"""`migrate model`: convert model files between formats, verified numerically; `inspect`.

    migrate model IN --to FORMAT [-o OUT] [options]
    migrate model inspect IN [--json]

This module is imported by `migrate.cli` only when `model` is asked for, and it imports
TensorFlow only inside the command bodies, so `migrate code` never loads TensorFlow.
"""
from __future__ import annotations

import contextlib
import io
import json
import sys

import click

FORMATS = ("ckpt", "h5", "json", "keras", "savedmodel", "frozen", "tflite")


class _ModelGroup(click.Group):
    """`inspect` is a subcommand; anything else is the path of a model to convert."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["convert", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, "IN --to FORMAT [-o OUT] [OPTIONS]")
        formatter.write_usage(ctx.command_path, "inspect IN [--json]", prefix="   or: ")


def _names(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _fail(message: str, code: int, as_json: bool):
    if as_json:
        click.echo(json.dumps({"error": message, "exit_code": code}, indent=2))
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _run_guarded(as_json: bool, input_path: str, action):
    """Run `action`, turning every failure into one line and an exit code."""
    from migrate.converters.errors import EXIT_CANNOT, ModelError, root_cause

    try:
        return action()
    except ModelError as exc:
        _fail(str(exc), exc.exit_code, as_json)
    except KeyboardInterrupt:
        _fail("interrupted; nothing was written", 130, as_json)
    except Exception as exc:  # TensorFlow raises many types; the user gets one line either way
        _fail(f"{input_path}: {type(exc).__name__}: {root_cause(exc, 300)}", EXIT_CANNOT, as_json)


@click.group(cls=_ModelGroup, context_settings={"help_option_names": ["-h", "--help"]})
def model():
    """Convert a model file to another format, proving the result numerically.

    \b
    Formats: ckpt (TF1 checkpoint), h5 (Keras HDF5), json (Keras JSON + weights),
    keras (Keras 3 .keras), savedmodel, frozen (GraphDef .pb), tflite.
    Exit codes: 0 ok, 1 verification failed (output kept), 2 cannot convert,
    3 converted but not verifiable here (e.g. TFLite Flex ops).

    \b
    migrate model IN --to FORMAT [-o OUT]   (see: migrate model convert --help)
    migrate model inspect IN [--json]
    """


@model.command("convert")
@click.argument("input_path", metavar="IN")
@click.option("--to", "target", required=True, type=click.Choice(FORMATS), help="Target format.")
@click.option("-o", "--output", "output", help="Output path (default: next to IN, named after it).")
@click.option("--from", "from_fmt", type=click.Choice(FORMATS), help="Source format, overriding detection.")
@click.option("--force", is_flag=True, help="Overwrite an existing output.")
@click.option("--no-verify", is_flag=True, help="Skip the numerical comparison of source and result.")
@click.option("--tolerance", type=float, help="Max |diff| / max(1, max|source|) per output "
              "(default 1e-4; 1e-2 float16, 1e-1 int8-dynamic).")
@click.option("--dry-run", is_flag=True, help="Print the planned conversion path and stop.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable report on stdout.")
@click.option("--custom-objects", metavar="FILE_OR_MODULE", help="Python file or module defining custom layers.")
@click.option("--unsafe", is_flag=True, help="Allow Lambda layers holding Python bytecode (runs code from the file).")
@click.option("--weights", metavar="FILE", help="Weights file for a json architecture.")
@click.option("--inputs", metavar="NAMES", help="TF1/frozen graph inputs, comma separated.")
@click.option("--outputs", metavar="NAMES", help="TF1/frozen graph outputs, comma separated.")
@click.option("--graph", metavar="FILE", help="Graph (.meta or GraphDef .pbtxt) for a checkpoint without .meta.")
@click.option("--architecture", metavar="FILE", help="model.json for a TF2 object checkpoint.")
@click.option("--select-tf-ops", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="TFLite: allow Flex (TensorFlow) ops.")
@click.option("--quantize", type=click.Choice(["float16", "int8-dynamic"]), help="TFLite quantization.")
def convert_command(input_path, target, output, from_fmt, force, no_verify, tolerance, dry_run, as_json,
                    custom_objects, unsafe, weights, inputs, outputs, graph, architecture, select_tf_ops, quantize):
    """Convert IN to --to FORMAT (verified unless --no-verify)."""
    def action():
        from migrate.converters.base import Options
        from migrate.converters.convert import convert

        options = Options(custom_objects=custom_objects, unsafe=unsafe, weights=weights, inputs=_names(inputs),
                          outputs=_names(outputs), graph=graph, architecture=architecture,
                          select_tf_ops=select_tf_ops, quantize=quantize)
        # Keras prints artefact listings ("Saved artifact at ...") on stdout while converting;
        # they are noise, and stdout belongs to our report.
        with contextlib.redirect_stdout(io.StringIO()):
            return convert(input_path, target, output, options=options, from_fmt=from_fmt, force=force,
                           do_verify=not no_verify, tolerance=tolerance, dry_run=dry_run, progress=True)

    report = _run_guarded(as_json, input_path, action)
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
    else:
        _print_summary(report)
    sys.exit(report["exit_code"])


def _print_summary(report: dict):
    click.echo(f"plan: {' → '.join(report['plan'])}")
    if report.get("dry_run"):
        for step in report["steps"]:
            click.echo(f"  {step['from']} → {step['to']}: {step['how']}")
        click.echo(f"would write: {', '.join(report['output_files'])}")
        if report.get("existing_outputs"):
            click.echo(f"note: {', '.join(report['existing_outputs'])} exists; the conversion needs --force")
        if report.get("unsafe_ops"):
            ops = sorted({finding["op"] for finding in report["unsafe_ops"]})
            click.echo(f"note: the graph holds ops that reach outside the model ({', '.join(ops)}); "
                       f"the conversion needs --unsafe")
        return
    if report.get("engine"):
        click.echo(f"engine: {report['engine']}")
    for note in report.get("notes", []):
        click.echo(f"note: {note}")
    if report.get("flex_ops"):
        click.echo(f"flex ops: {', '.join(report['flex_ops'])}")
    click.echo(f"wrote: {', '.join(report['output_files'])}")
    check = report["verification"]
    if check["status"] in ("passed", "failed") and "reason" not in check:
        click.echo(f"verification {check['status'].upper()}: max abs diff {check['max_abs_diff']:.3g}, "
                   f"max rel diff {check['max_rel_diff']:.3g}, tolerance {check['tolerance']:g} × max(1, largest |value|)")
        for item in check["outputs"]:
            if "error" in item:
                click.echo(f"  {item['name']}: {item['error']}")
            else:
                click.echo(f"  {item['name']}: max abs {item['max_abs_diff']:.3g}, max rel {item['max_rel_diff']:.3g}"
                           f"{'' if item['passed'] else '  OUTSIDE TOLERANCE'}")
    elif check["status"] == "failed":
        click.echo(f"verification FAILED: {check.get('reason', 'see the report')}")
    elif check["status"] == "not-possible":
        click.echo(f"verification NOT POSSIBLE: {check['reason']}")
    else:
        click.echo("verification skipped (--no-verify)")


@model.command("inspect")
@click.argument("input_path", metavar="IN")
@click.option("--from", "from_fmt", type=click.Choice(FORMATS), help="Format, overriding detection.")
@click.option("--json", "as_json", is_flag=True, help="Print the description as JSON.")
@click.option("--custom-objects", metavar="FILE_OR_MODULE", help="Python file or module defining custom layers.")
@click.option("--weights", metavar="FILE", help="Weights file for a json architecture.")
@click.option("--no-preflight", is_flag=True, help="Skip the trial TFLite conversion that lists unsupported ops.")
def inspect_command(input_path, from_fmt, as_json, custom_objects, weights, no_preflight):
    """Describe a model file: format, writer, inputs/outputs, parameters, ops."""
    def action():
        from migrate.converters.inspect import describe

        with contextlib.redirect_stdout(io.StringIO()):
            return describe(input_path, from_fmt=from_fmt, custom_objects=custom_objects, weights=weights,
                            preflight=not no_preflight)

    info = _run_guarded(as_json, input_path, action)
    if as_json:
        click.echo(json.dumps(info, indent=2, default=str))
    else:
        from migrate.converters.inspect import render

        click.echo(render(info))
