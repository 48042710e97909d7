"""The 1688 cart, per developer and sub-account (``user-id``) (spec §2.G)."""
