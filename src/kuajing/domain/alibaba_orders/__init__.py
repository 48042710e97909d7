"""1688 purchase orders: preview, create, pay, ship, receive, cancel (spec §2.H, §4.3)."""
