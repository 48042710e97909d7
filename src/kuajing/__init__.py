"""Kuajing: a self-hostable PandaPon-compatible cross-border distribution platform."""

__version__ = "0.1.0"
