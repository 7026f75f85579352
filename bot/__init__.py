"""Exitbot: a Danish guidance assistant for leaving a gang."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
