"""People, dealers, memberships, staff, sessions, API tokens and the audit log."""
