"""``python -m app``: the same as the ``logit-lab`` command."""

import sys

from app.main import main

sys.exit(main())
