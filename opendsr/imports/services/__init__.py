"""Writes for imports, in a module for each step a user takes: `uploading` (reading an upload, mapping its
columns), `starting` (checking the rows again and queueing the import), `running` (importing its people a
batch at a time, the report), `people` (adding one person, taking them off again) and `undoing`.

How imported ratings, consent and C(E)TR dates become timeline events, and which obligations they raise, is
docs/adr/0009: every event an import writes carries `"imported": true` and the source "import:<pk>".
"""

from opendsr.imports.services.running import run
from opendsr.imports.services.starting import start
from opendsr.imports.services.undoing import undo
from opendsr.imports.services.uploading import map_columns, new_import, upload

__all__ = ["map_columns", "new_import", "run", "start", "undo", "upload"]
