"""CRM sync: orders become deals in a Bitrix24-style CRM, and deal changes come back."""
