"""Warnings raised as if from a given module: warnings.warn names the module from its caller's
globals, so the tests of the warning filters can play the project's code and a library's."""

from __future__ import annotations

import sysconfig
import warnings
from pathlib import Path
from typing import Any, Callable

from ops.paths import ROOT
from ops.quiet import PROJECT_PACKAGES


def code_in(module: str, source: str, **names: Any) -> dict[str, Any]:
    """Run `source` as module `module`'s code; its globals after."""
    scope: dict[str, Any] = {"__name__": module, **names}
    exec(compile(source, f"<{module}>", "exec"), scope)
    return scope


def warn_from(module: str, category: type[Warning] = DeprecationWarning) -> None:
    code_in(module, "import warnings\nwarnings.warn('an old way', category)", category=category)


def deprecated_call_in_library(library: str) -> Callable[[], None]:
    """A library function that warns its caller, as libraries do (stacklevel=2: the warning is the caller's)."""
    source = "import warnings\ndef old_api():\n    warnings.warn('old_api is deprecated', DeprecationWarning, stacklevel=2)\n"
    return code_in(library, source)["old_api"]


def file_of(module: str) -> Path:
    """Where `module`'s file is: in the repository for the project's, in site-packages for a library's."""
    base = ROOT if module.split(".")[0] in PROJECT_PACKAGES else Path(sysconfig.get_paths()["purelib"])
    return base.joinpath(*module.split(".")).with_suffix(".py")


def warn_in_file(module: str, category: type[Warning] = DeprecationWarning) -> None:
    """A warning from line 1 of `module`'s file, as a server running that file would raise it; its
    text names the module (Python shows a warning "once" per text, whoever raised it)."""
    warnings.warn_explicit(f"an old way in {module}", category, str(file_of(module)), 1, module=module)
