"""Command line: `migrate code ...` and `migrate model ...`.

`migrate code` must start fast and never import TensorFlow (it runs as a pre-commit
hook), so the `model` group is imported only when it is asked for.
"""
from __future__ import annotations

import importlib

import click

from migrate import __version__


class _LazyGroup(click.Group):
    """A click group whose subcommands live in modules imported on first use."""

    lazy = {
        "code": ("migrate.code_cli", "code"),
        "codes": ("migrate.code_cli", "codes"),
        "model": ("migrate.model_cli", "model"),
    }

    def list_commands(self, ctx):
        return sorted(self.lazy)

    def get_command(self, ctx, name):
        target = self.lazy.get(name)
        if target is None:
            return None
        module_name, attr = target
        return getattr(importlib.import_module(module_name), attr)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="migrate")
def cli():
    """Move TensorFlow 1.x and standalone-Keras projects to TensorFlow 2.

    \b
    migrate code PATH...          rewrite Python code and notebooks
    migrate model IN --to FORMAT  convert a model file, verified numerically
    """


def main(argv=None):
    return cli.main(args=argv, prog_name="migrate")
