"""Demo content for `flask --app app seed` (all text and photos our own)."""

from newsite.demo.seed import seed

__all__ = ["seed"]
