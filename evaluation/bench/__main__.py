"""`python -m evaluation.bench` (`make bench`): see evaluation/bench/__init__.py."""

import sys

from evaluation.bench.run import main

sys.exit(main())
