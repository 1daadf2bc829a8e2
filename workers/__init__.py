"""Background work (arq): housekeeping now; notifications and integrations later."""
