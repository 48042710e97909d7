"""Taobao purchase orders (采购单): lifecycle, money, stock and the sellers' timers (spec §2.B, §4.1)."""
