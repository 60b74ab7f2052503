"""One widget or modal per module."""
