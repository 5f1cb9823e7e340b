"""`python -m ops.stats --out DIR`: see ops/stats/__init__.py."""

import sys

from ops.stats import main

sys.exit(main())
