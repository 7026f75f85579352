"""The web server on port 8000: the anonymous chat page and the staff console."""
