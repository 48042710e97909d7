"""Developers, access keys, sub-accounts, wallets and shipping addresses."""
