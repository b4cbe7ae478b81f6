"""The policy clock compiled to C, used when it was built from the sources as they are now.

The modules the clock runs on (`MODULES`) are type-checked and compiled with mypyc by `make core`
(`scripts/build_core.py`) into `build/core/`, beside the sources, which stay as they are. On import, the
`opendsr.policy` package and its `rules` put that folder before their own (`use`), so that Python finds the
compiled modules first, but only when the build's digest matches: the same sources, byte for byte, and the same
Python. Otherwise, or with `OPENDSR_PURE_CORE=1` in the environment, the clock runs as Python. The two give the
same obligations (`tests/policy/test_compiled_core.py`); compiled, the clock takes about 40% less time.

Nothing here changes what the clock says; this module reads, once at import, which build to use (as
`instruments` reads its data).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
import sys
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # opendsr/policy
BUILD = PACKAGE.parent.parent / "build" / "core"
DIGEST_FILE = "DIGEST"
PURE_SWITCH = "OPENDSR_PURE_CORE"

# The clock and everything it calls for each person, in the order mypyc is given them.
MODULES = (
    "model",
    "calendar",
    "pathway",
    "timeline",
    "clock",
    "rows",
    "rules.admission",
    "rules.consent",
    "rules.leaving",
    "rules.oversight",
    "rules.referral",
    "rules.reviews",
    "rules.stratification",
)


def source(module: str) -> Path:
    return PACKAGE.joinpath(*module.split(".")).with_suffix(".py")


def built(module: str, build: Path = BUILD) -> Path:
    """Where the compiled module is, in `build`."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    *folders, name = module.split(".")
    return build.joinpath("opendsr", "policy", *folders, name + suffix)


def digest() -> str:
    """What a build must have been made from to be used: the sources of `MODULES` and this Python."""
    hashed = hashlib.sha256(f"{sys.version}\n{importlib.machinery.EXTENSION_SUFFIXES[0]}\n".encode())
    for module in MODULES:
        hashed.update(f"{module}\n".encode())
        hashed.update(source(module).read_bytes())
    return hashed.hexdigest()


def is_current(build: Path = BUILD) -> bool:
    """True when `build` holds every compiled module, made from the sources as they are now."""
    try:
        recorded = (build / DIGEST_FILE).read_text().strip()
    except OSError:
        return False
    return recorded == digest() and all(built(module, build).is_file() for module in MODULES)


@lru_cache(maxsize=1)
def in_use() -> bool:
    """True when the compiled clock is used in this process."""
    return not os.environ.get(PURE_SWITCH) and is_current()


def use(package_path: list[str], subpackage: str = "") -> None:
    """Put the compiled modules of a package (`opendsr.policy`, or its `rules`) before its sources, when the
    build is current. Called by each package's `__init__`, with its `__path__`."""
    if not in_use():
        return
    if str(BUILD) not in sys.path:  # the runtime the compiled modules share, named by mypyc
        sys.path.append(str(BUILD))
    package_path.insert(0, str(BUILD.joinpath("opendsr", "policy", *filter(None, [subpackage]))))
