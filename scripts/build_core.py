"""Compile the policy clock with mypyc into build/core (see opendsr/policy/compiled.py).

Does nothing when the build there is current. Without a C compiler or Python's headers, says so in one line and
leaves the clock to run as Python (exit 0: OpenDSR works the same, a little slower). A compiler that is there but
fails (a type error in the clock, say) is a fault in the code: its output is shown and the exit is 1.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _compiled():
    """opendsr/policy/compiled.py, read on its own: importing the package would load the modules it builds."""
    spec = importlib.util.spec_from_file_location("_opendsr_compiled", ROOT / "opendsr/policy/compiled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _missing() -> str | None:
    """What the machine lacks to compile, if anything."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "no Python headers (Python.h; on Debian, python3.11-dev)"
    if importlib.util.find_spec("mypyc") is None:
        return "mypy is not installed"
    return None


def main() -> int:
    compiled = _compiled()
    if compiled.is_current():
        print("The policy clock is compiled and current.")
        return 0
    if missing := _missing():
        print(f"The policy clock will run as Python: {missing}.")
        return 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="opendsr-core-") as work:
        work_dir = Path(work)
        shutil.copytree(ROOT / "opendsr/policy", work_dir / "opendsr/policy", ignore=_not_sources)
        (work_dir / "opendsr/__init__.py").write_text("")
        files = [str(compiled.source(module).relative_to(ROOT)) for module in compiled.MODULES]
        result = subprocess.run(
            [sys.executable, "-m", "mypyc", "--ignore-missing-imports", *files],
            cwd=work_dir,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            print(result.stdout[-4000:], result.stderr[-4000:], sep="\n", file=sys.stderr)
            print("The policy clock did not compile (above).", file=sys.stderr)
            return 1
        build = compiled.BUILD
        shutil.rmtree(build, ignore_errors=True)
        for module in compiled.MODULES:
            target = compiled.built(module, build)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(compiled.built(module, work_dir), target)
        for runtime in work_dir.glob("*__mypyc*"):  # the runtime the modules share
            shutil.copy2(runtime, build / runtime.name)
        (build / compiled.DIGEST_FILE).write_text(compiled.digest() + "\n")
    print(f"The policy clock is compiled ({time.perf_counter() - started:.0f} s).")
    return 0


def _not_sources(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "__pycache__" or name.endswith((".so", ".pyc"))]


if __name__ == "__main__":
    sys.exit(main())
