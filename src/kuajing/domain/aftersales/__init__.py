"""After-sales: Taobao reverse orders (spec §2.D, §4.2) and 1688 refunds (§2.I, §4.4) on one lifecycle."""
