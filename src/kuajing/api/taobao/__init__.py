"""Taobao sections of the API: goods, cart, purchase orders, sandbox seller actions."""
