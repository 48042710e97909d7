"""Taobao sections of the API: cart, purchase orders, sandbox seller actions."""
