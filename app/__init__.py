"""The dealer cabinet: domain packages and the web application."""
