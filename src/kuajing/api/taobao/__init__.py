"""Taobao sections of the API."""
