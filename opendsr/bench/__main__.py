import sys

from opendsr.bench.run import main

sys.exit(main())
