"""The `opendsr` command.

`opendsr obligations FILE` runs the policy clock on a scenario and needs no database (see the contract in the
project's docs). Every other sub-command is an administrative command of the Django project, for example
`opendsr recompute`, `opendsr migrate` or `opendsr load_demo`.
"""

import os
import sys

USAGE = (
    "usage: opendsr obligations SCENARIO.json | opendsr COMMAND [options] (COMMAND: any management command)"
)

# Sub-commands spelt with a dash, as the documentation writes them, and the management command each runs.
ALIASES = {"import-register": "import_register"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE)
        return 0 if args else 2
    if args[0] == "obligations":
        from opendsr.policy.cli import main as policy_main

        return policy_main(args)
    args[0] = ALIASES.get(args[0], args[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opendsr.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["opendsr", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
