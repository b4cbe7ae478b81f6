"""The import-direction check in `make lint`: a lower room never imports a higher one."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("check_imports", ROOT / "scripts" / "check_imports.py")
check_imports = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_imports)


def write(tree: Path, name: str, text: str) -> None:
    path = tree / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def fake_opendsr(tmp_path: Path) -> Path:
    package = tmp_path / "opendsr"
    for room in ("policy", "accounts", "web", "register", "reviews", "referrals", "oversight"):
        write(package, f"{room}/__init__.py", "")
    write(package, "policy/model.py", "KINDS = []\n")
    write(
        package,
        "register/models.py",
        "from opendsr.policy.model import KINDS\nfrom opendsr.accounts import x\n",
    )
    return package


def test_opendsr_itself_imports_only_downwards():
    assert check_imports.problems_in(ROOT / "opendsr") == []


def test_a_tree_whose_imports_go_down_passes(tmp_path):
    assert check_imports.problems_in(fake_opendsr(tmp_path)) == []


def test_a_lower_room_importing_a_higher_one_inside_a_function_fails(tmp_path):
    package = fake_opendsr(tmp_path)
    write(package, "accounts/access.py", "def people():\n    from opendsr.register.models import Person\n")
    assert check_imports.problems_in(package) == [
        "opendsr/accounts/access.py:2: opendsr.accounts.access imports opendsr.register.models"
        " (register is not below accounts)"
    ]


def test_rooms_at_the_same_level_do_not_import_each_other(tmp_path):
    package = fake_opendsr(tmp_path)
    write(package, "reviews/services.py", "from ..referrals.letters import render\n")
    problems = check_imports.problems_in(package)
    assert problems == [
        "opendsr/reviews/services.py:1: opendsr.reviews.services imports opendsr.referrals.letters"
        " (referrals is not below reviews)"
    ]


def test_the_check_exits_non_zero_naming_each_wrong_import(tmp_path, capsys):
    package = fake_opendsr(tmp_path)
    write(package, "policy/clock.py", "import opendsr.web.formatting\n")
    assert check_imports.main([str(package)]) == 1
    out = capsys.readouterr().out
    assert "opendsr/policy/clock.py:1: opendsr.policy.clock imports opendsr.web.formatting" in out
    assert "1 imports go the wrong way" in out
